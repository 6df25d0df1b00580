// A file reached by two paths (a symbolic link, a hard link) is read once, under the first path;
// the report's rows of that file name the other paths in `aliases`, as the terminal does.
import type { InputReport } from '../report/model.js';

/** One more path of a file already listed: `path` named the file read under `sameAs`. */
export interface InputAlias {
  path: string;
  sameAs: string;
}

/**
 * The rows with their `aliases`: each row read from a file listed under `sameAs` (the file itself,
 * or every file out of that archive) gets the other paths that named it, once each, in the order
 * they were met. A path named twice is no other path: it adds nothing. Rows without one are kept
 * as they are (no empty list).
 */
export function withInputAliases(inputs: InputReport[], aliases: readonly InputAlias[]): InputReport[] {
  const other = new Map<string, string[]>();
  for (const a of aliases) {
    if (a.path === a.sameAs) continue;
    const list = other.get(a.sameAs) ?? [];
    if (!list.includes(a.path)) list.push(a.path);
    other.set(a.sameAs, list);
  }
  if (other.size === 0) return inputs;
  return inputs.map((i) => {
    const list = other.get(i.archive ?? i.path);
    return list ? { ...i, aliases: [...list] } : i;
  });
}
