/// <reference lib="dom" />
/**
 * The browser preview: the task pane over an in-memory workbook seeded with a sample practice,
 * beside views of its sheets. No Office, no office.js: the pane reaches the workbook only through
 * the port. `?workbook=empty` opens an empty workbook instead, to try Set up.
 */
import { createRoot } from "react-dom/client";
import { LiveWorkbook } from "./liveWorkbook";
import { Preview } from "./Preview";
import { samplePractice } from "./samplePractice";

const empty = new URLSearchParams(window.location.search).get("workbook") === "empty";
const workbook = empty ? new LiveWorkbook() : LiveWorkbook.seeded(samplePractice(new Date()));
const root = document.getElementById("root");
if (root) createRoot(root).render(<Preview workbook={workbook} empty={empty} />);
