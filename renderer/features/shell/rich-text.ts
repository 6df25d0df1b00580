// Splitting `code` spans out of catalogue text (pure, tested).

export interface TextPart {
  text: string;
  code: boolean;
}

/** "Set `OTEL_SERVICE_NAME` now" → text, code, text. An unmatched backtick stays as it is. */
export function splitCode(text: string): TextPart[] {
  const parts: TextPart[] = [];
  const re = /`([^`]+)`/g;
  let last = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    if (m.index > last) parts.push({ text: text.slice(last, m.index), code: false });
    parts.push({ text: m[1]!, code: true });
    last = m.index + m[0].length;
  }
  if (last < text.length) parts.push({ text: text.slice(last), code: false });
  return parts;
}

/** The same text without the backticks (tooltips, plain-text places). */
export function plainText(text: string): string {
  return splitCode(text)
    .map((p) => p.text)
    .join('');
}

/** A path cut after each separator ("/", "\\", ".", "_", "-", space), where a line may break. */
export function pathBreakParts(path: string): string[] {
  return path.split(/(?<=[/\\._\- ])/).filter((p) => p !== '');
}
