// Text that is plainly a document, not log output: an HTML page, a Markdown file, source code.
// Asked only about text in which no line carries a log header (timestamp, level): such a file
// would otherwise be read as message-only log lines and scored, which says nothing about the
// user's telemetry. `--as text-logs` still reads it as logs.

/** What kind of document the lines look like ('an HTML page', …), or undefined. `lines`: non-blank lines of the head. */
export function documentKind(lines: readonly string[]): string | undefined {
  const n = lines.length;
  if (n === 0) return undefined;
  const first = lines[0]!.trim();
  if (/^<!doctype html|^<html[\s>]/i.test(first) || (/^</.test(first) && lines.some((l) => /<(head|body)[\s>]/i.test(l)))) return 'an HTML page';
  let headings = 0;
  let fences = 0;
  let markup = 0;
  let code = 0;
  for (const raw of lines) {
    const l = raw.trim();
    if (/^#{1,6} \S/.test(l)) headings++;
    else if (/^(```|~~~)/.test(l)) fences++;
    else if (/^([-*+] |\d+\. |> |\|.*\|$)/.test(l) || /\]\([^)\s]+\)/.test(l)) markup++;
    if (/^(import|export|from|package|using|#include|def|class|function|const|let|var|public|private|protected|static|return|if|for|while|fn|func|struct|enum|interface|type)\b/.test(l) || /^[{}()[\];,]*$/.test(l) || /[{;]$/.test(l)) code++;
  }
  // Headings, fences, lists and links among prose: a README is mostly paragraphs (~30 % markup).
  if (headings >= 1 && headings + fences + markup >= Math.max(3, n * 0.15)) return 'a Markdown document';
  if (n >= 3 && code >= n * 0.6) return 'source code';
  return undefined;
}

/** documentKind of the first 100 non-blank lines of `text` (a complete last line only when `complete`). */
export function documentKindOfText(text: string, complete: boolean): string | undefined {
  const all = text.replace(/^\uFEFF/, '').split('\n');
  if (!complete && all.length > 1) all.pop();
  return documentKind(all.map((l) => l.replace(/\r$/, '')).filter((l) => l.trim() !== '').slice(0, 100));
}
