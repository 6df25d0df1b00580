// Report model → one self-contained HTML file (inline CSS and SVG, no scripts, no remote
// resources), the same bytes for the same report.
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import type { Report } from '../model.js';
import { visibleControls } from '../format.js';
import { ReportDocument } from './ReportDocument.js';
import type { Paper } from './styles.js';

export type { Paper } from './styles.js';

export interface RenderHtmlOptions {
  /** Fixes the printed page size (`@page size`); omitted, the printer's default is used. */
  paper?: Paper;
}

/** Control characters in names from the data (NUL, ESC, a bidi override) are shown, never written raw (see visibleControls). */
export function renderReportHtml(report: Report, options: RenderHtmlOptions = {}): string {
  return visibleControls(`<!DOCTYPE html>\n${renderToStaticMarkup(createElement(ReportDocument, { report, paper: options.paper }))}\n`);
}
