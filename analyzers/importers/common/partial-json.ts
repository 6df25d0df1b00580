// Reading what can be read from the start of a JSON object that the sniff window cut off (a JSON
// Lines file whose first line is longer than the window: a log line carrying a big payload).

/**
 * The member names of the top-level object that `text` starts with, as far as `text` goes, in
 * order (at most `max`). `undefined` when `text` does not start like a JSON object or breaks JSON
 * syntax before it ends; nested values are skipped without being parsed.
 */
export function topLevelKeysOfPrefix(text: string, max = 64): string[] | undefined {
  let i = 0;
  while (i < text.length && (text[i] === ' ' || text[i] === '\t' || text[i] === '\uFEFF')) i++;
  if (text[i] !== '{') return undefined;
  i++;
  const keys: string[] = [];
  let depth = 1;
  let expectKey = true; // at depth 1: the next string is a member name
  while (i < text.length) {
    const c = text.charCodeAt(i);
    if (c === 34) {
      // a string: find its end
      let j = i + 1;
      while (j < text.length && text.charCodeAt(j) !== 34) j += text.charCodeAt(j) === 92 ? 2 : 1;
      if (j >= text.length) return keys; // cut inside the string
      if (depth === 1 && expectKey) {
        try {
          keys.push(JSON.parse(text.slice(i, j + 1)) as string);
        } catch {
          return undefined;
        }
        if (keys.length >= max) return keys;
        expectKey = false;
      }
      i = j + 1;
      continue;
    }
    if (c === 123 || c === 91) depth++;
    else if (c === 125 || c === 93) {
      depth--;
      if (depth === 0) return keys;
    } else if (c === 44 && depth === 1) expectKey = true;
    else if (c === 10 || c === 13) return undefined; // a JSON Lines line holds no raw line break
    i++;
  }
  return keys;
}
