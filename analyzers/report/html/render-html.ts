// Report model → one self-contained HTML file (inline CSS and SVG, no scripts, no remote
// resources), the same bytes for the same report.
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import type { Report } from '../model.js';
import { ReportDocument } from './ReportDocument.js';
import type { Paper } from './styles.js';

export type { Paper } from './styles.js';

export interface RenderHtmlOptions {
  /** Fixes the printed page size (`@page size`); omitted, the printer's default is used. */
  paper?: Paper;
}

export function renderReportHtml(report: Report, options: RenderHtmlOptions = {}): string {
  return `<!DOCTYPE html>\n${renderToStaticMarkup(createElement(ReportDocument, { report, paper: options.paper }))}\n`;
}
