// Reads a labelled-incidents file from disk (`obsready analyze --incidents FILE`). The parsing is
// the core's (analyzers/analysis/incidents.ts), shared with the desktop app; this adapter only
// checks the size before reading the file whole (incident lists are small).
import { promises as fsp } from 'node:fs';
import { readFileBoundedAsync, TooLargeError } from './read-bounded.js';
import { MAX_INCIDENTS_FILE_BYTES, parseIncidentsBytes, type IncidentsFile } from '../analysis/incidents.js';

export async function readIncidentsFile(path: string): Promise<IncidentsFile> {
  const st = await fsp.stat(path);
  const tooLarge: IncidentsFile = { incidents: [], issues: [{ code: 'unreadable', message: `${path}: larger than ${MAX_INCIDENTS_FILE_BYTES} bytes` }] };
  if (st.size > MAX_INCIDENTS_FILE_BYTES) return tooLarge;
  // (read bounded: a pipe or a device has no size to check first)
  try {
    return parseIncidentsBytes(await readFileBoundedAsync(path, MAX_INCIDENTS_FILE_BYTES));
  } catch (e) {
    if (e instanceof TooLargeError) return tooLarge;
    throw e;
  }
}
