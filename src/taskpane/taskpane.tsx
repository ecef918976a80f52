/// <reference lib="dom" />
/// <reference types="office-js" />
/**
 * The task pane page. In the shared runtime it also hosts the custom functions and the ribbon
 * commands, so Office is initialised here; the pane reaches the workbook only through the port.
 */
import { createRoot } from "react-dom/client";
import { App } from "./app/App";
import { sharedStreams } from "../live/runtime";
import { excelStreams } from "../workbook/excel/excelStreams";
import { ExcelWorkbook, officeHost } from "../workbook/excel/excelWorkbook";

Office.onReady((info) => {
  const root = document.getElementById("root");
  if (!root) return;
  if (info.host !== Office.HostType.Excel) {
    root.textContent = "Open this page from Excel: sideload manifest.xml (see the README).";
    return;
  }
  // The same live ledger as the LOTBOOK formulas: the pane never reads or builds the books itself.
  const { live } = sharedStreams(excelStreams);
  createRoot(root).render(<App workbook={new ExcelWorkbook(officeHost())} live={live} />);
});
