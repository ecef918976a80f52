/// <reference lib="dom" />
/// <reference types="office-js" />
/**
 * The task pane page. In the shared runtime it also hosts the custom functions and the ribbon
 * commands, so Office must be initialised here even before the pane has features.
 */
Office.onReady((info) => {
  const status = document.getElementById("status");
  if (status && info.host === Office.HostType.Excel) status.textContent = "Lotbook is loaded in this workbook.";
});
