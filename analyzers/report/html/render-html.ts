// Report model → one self-contained HTML file (inline CSS and SVG, no scripts, no remote
// resources), the same bytes for the same report.
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import type { Report } from '../model.js';
import { visibleChunks, visibleControls } from '../format.js';
import { ReportDocument } from './ReportDocument.js';
import { RowStreamContext, type RowStream } from './Sections.js';
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

/**
 * The text of renderReportHtml in pieces of about 64 KB: the document is rendered with a mark in
 * place of each table of every input, and those rows are made as the pieces are taken (a report
 * of 100,000 inputs took ~970 MB to render whole).
 */
export function* htmlChunks(report: Report, options: RenderHtmlOptions = {}): Generator<string> {
  const tables: (() => Iterable<string>)[] = [];
  // (a comment no text of the report can make: text is escaped, so `<` never comes from the data)
  const mark = (k: number): string => `<!--obsready-rows-${k}-->`;
  const stream: RowStream = { add: (rows) => mark(tables.push(rows) - 1) };
  const markup = `<!DOCTYPE html>\n${renderToStaticMarkup(createElement(RowStreamContext.Provider, { value: stream }, createElement(ReportDocument, { report, paper: options.paper })))}\n`;
  yield* visibleChunks(spliced(markup, tables.length, mark, tables));
}

function* spliced(markup: string, count: number, mark: (k: number) => string, tables: (() => Iterable<string>)[]): Generator<string> {
  let at = 0;
  for (let k = 0; k < count; k++) {
    const m = markup.indexOf(mark(k), at);
    if (m < 0) throw new Error(`the HTML report lost the place of its table ${k + 1} of inputs`);
    yield markup.slice(at, m);
    yield* tables[k]!();
    at = m + mark(k).length;
  }
  yield markup.slice(at);
}
