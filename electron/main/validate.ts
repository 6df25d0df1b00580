// Argument validation for every IPC channel: the renderer is treated as untrusted input.
// A validator returns the typed argument tuple, or null when the arguments are malformed.
import { MAX_CHUNK_BYTES, type ChannelArgs, type Channel, type ExportFormat } from '../shared/contract.js';

export type Validator<C extends Channel> = (args: unknown[]) => ChannelArgs[C] | null;

const EXPORT_FORMATS: readonly ExportFormat[] = ['json', 'html', 'markdown', 'sarif', 'junit', 'pdf', 'workflows'];
/** Exports and recent reports above this are refused (a report is megabytes, not gigabytes). */
export const MAX_EXPORT_BYTES = 256 * 1024 * 1024;
const ID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function isId(v: unknown): v is string {
  return typeof v === 'string' && ID_PATTERN.test(v);
}

/** A file name for a save dialog: no folders, no control characters. */
function isFileName(v: unknown): v is string {
  return typeof v === 'string' && v.length > 0 && v.length <= 200 && !/[/\\\u0000-\u001f]/.test(v) && v !== '.' && v !== '..';
}

function sizeOf(content: unknown): number {
  if (typeof content === 'string') return content.length;
  if (content instanceof Uint8Array) return content.byteLength;
  return -1;
}

const none = (args: unknown[]): [] | null => (args.length === 0 ? [] : null);
const oneId = (args: unknown[]): [string] | null => (args.length === 1 && isId(args[0]) ? [args[0]] : null);

export const VALIDATORS: { [C in Channel]: Validator<C> } = {
  'dialog:open-files': none,
  'dialog:open-folder': none,
  'app:get-info': none,
  'recent:list-analyses': none,
  'file:close-file': oneId,
  'recent:open-analysis': oneId,
  'recent:remove-analysis': oneId,
  'file:read-chunk': (args) => {
    const a = args[0];
    if (args.length !== 1 || !isRecord(a) || !isId(a.fileId)) return null;
    const { offset, maxBytes } = a;
    if (typeof offset !== 'number' || !Number.isSafeInteger(offset) || offset < 0) return null;
    if (typeof maxBytes !== 'number' || !Number.isSafeInteger(maxBytes) || maxBytes <= 0 || maxBytes > MAX_CHUNK_BYTES) return null;
    return [{ fileId: a.fileId, offset, maxBytes }];
  },
  'export:save-file': (args) => {
    const a = args[0];
    if (args.length !== 1 || !isRecord(a)) return null;
    if (!EXPORT_FORMATS.includes(a.format as ExportFormat) || !isFileName(a.suggestedName)) return null;
    const size = sizeOf(a.content);
    if (size < 0 || size > MAX_EXPORT_BYTES) return null;
    return [{ format: a.format as ExportFormat, suggestedName: a.suggestedName, content: a.content as string | Uint8Array }];
  },
  'export:print-pdf': (args) => {
    const a = args[0];
    if (args.length !== 1 || !isRecord(a)) return null;
    if (typeof a.html !== 'string' || a.html.length > MAX_EXPORT_BYTES || !isFileName(a.suggestedName)) return null;
    if (a.pageSize !== 'A4' && a.pageSize !== 'Letter') return null;
    return [{ html: a.html, suggestedName: a.suggestedName, pageSize: a.pageSize }];
  },
  'recent:add-analysis': (args) => {
    const a = args[0];
    if (args.length !== 1 || !isRecord(a)) return null;
    if (typeof a.title !== 'string' || a.title.length > 500 || typeof a.reportJson !== 'string' || a.reportJson.length > MAX_EXPORT_BYTES) return null;
    return [{ title: a.title, reportJson: a.reportJson }];
  },
};
