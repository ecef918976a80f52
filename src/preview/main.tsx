/// <reference lib="dom" />
/**
 * The browser preview: the task pane over an in-memory workbook seeded with a sample practice,
 * beside views of its sheets. No Office, no office.js: the pane reaches the workbook only through
 * the port. `?workbook=empty` opens an empty workbook instead, to try Set up; `?pane=360` makes the
 * task pane 360 px wide, as Excel's often is (any width from 280 to 800).
 */
import { createRoot } from "react-dom/client";
import { LiveWorkbook } from "./liveWorkbook";
import { Preview } from "./Preview";
import { samplePractice } from "./samplePractice";

const query = new URLSearchParams(window.location.search);
const empty = query.get("workbook") === "empty";
const pane = Number(query.get("pane"));
const paneWidth = Number.isInteger(pane) && pane >= 280 && pane <= 800 ? pane : undefined;
const workbook = empty ? new LiveWorkbook() : LiveWorkbook.seeded(samplePractice(new Date()));
const root = document.getElementById("root");
if (root) createRoot(root).render(<Preview workbook={workbook} empty={empty} paneWidth={paneWidth} />);
