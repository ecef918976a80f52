/// <reference types="office-js" />
/**
 * Ribbon commands. In the shared runtime they run in the task pane's page, beside the custom
 * functions. Lotbook's one ribbon button so far opens the task pane, which the manifest does
 * without code (a ShowTaskpane action); commands that act on the workbook will register here
 * with Office.actions.associate once Office is ready.
 */
Office.onReady(() => undefined);
