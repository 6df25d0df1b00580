// The HTML report's tables of every input (what was analysed, fingerprints, input errors), one row
// at a time as markup: the same markup React writes for them, made without React, so that a report
// of 200,000 inputs is written row by row (htmlChunks) instead of as 200,000 rendered elements and
// one string.
import type { InputReport } from '../model.js';
import { formatAliases, formatBytesFixed, formatInt, formatReadAs, labelInputFormat } from '../format.js';

/** Text as React's static markup writes it (escapeTextForBrowser); nothing for null, undefined or a boolean. */
export function htmlText(value: unknown): string {
  if (value === null || value === undefined || typeof value === 'boolean') return '';
  return String(value).replace(/["&'<>]/g, (c) => (c === '"' ? '&quot;' : c === '&' ? '&amp;' : c === "'" ? '&#x27;' : c === '<' ? '&lt;' : '&gt;'));
}

/** Text with `code` spans as <code>, as RichText (Sections.tsx) writes it. */
function richHtml(text: string): string {
  return text
    .split(/`([^`]+)`/)
    .map((p, i) => (i % 2 ? `<code>${htmlText(p)}</code>` : htmlText(p)))
    .join('');
}

/**
 * A row of "What was analysed": input (and the other paths that named the same file), format (and,
 * for an input read as another format than its head showed, why), signal, size, records, rejected.
 */
export function inputRowHtml(i: InputReport): string {
  const aliases = i.aliases?.length ? `<div class="small muted">${htmlText(formatAliases(i.aliases))}</div>` : '';
  const readAs = i.detection?.readAs ? `<div class="small muted read-as">${richHtml(formatReadAs(i.detection.readAs))}</div>` : '';
  return (
    `<tr><td class="break">${htmlText(i.path)}${aliases}</td><td>${htmlText(labelInputFormat(i))}${i.detection?.by === 'forced' ? ' (forced)' : ''}${readAs}</td><td>${htmlText(i.signal)}</td>` +
    `<td class="num">${htmlText(formatBytesFixed(i.bytes))}</td><td class="num">${htmlText(formatInt(i.records))}</td><td class="num">${htmlText(formatInt(i.rejected))}</td></tr>`
  );
}

/** A row of the appendix's input fingerprints; the hash in two halves of 32 hex digits (it breaks at a fixed place, copies as one string). */
export function fingerprintRowHtml(i: InputReport): string {
  const hash = i.sha256 ? `${htmlText(i.sha256.slice(0, 32))}<wbr/>${htmlText(i.sha256.slice(32))}` : '–';
  return `<tr><td class="break">${htmlText(i.path)}</td><td>${htmlText(labelInputFormat(i))}</td><td class="num">${htmlText(formatInt(i.bytes))}</td><td class="mono">${hash}</td></tr>`;
}

/** A row of the appendix's input errors: the input, its error count and its first three errors. */
export function errorRowHtml(i: InputReport): string {
  const errors = i.errors
    .slice(0, 3)
    .map((e) => `<div><code>${htmlText(e.code)}</code>${e.line !== undefined ? htmlText(` line ${e.line}`) : e.offset !== undefined ? htmlText(` byte ${e.offset}`) : ''}: ${htmlText(e.message)}</div>`)
    .join('');
  return `<tr><td class="break">${htmlText(i.path)}</td><td class="num">${htmlText(formatInt(i.errorCount))}</td><td class="small">${errors}</td></tr>`;
}
