// Text that is plainly a document, not log output: an HTML page, a Markdown file, source code, a
// Kubernetes resource listing.
// Asked only about text in which no line carries a log header (timestamp, level): such a file
// would otherwise be read as message-only log lines and scored, which says nothing about the
// user's telemetry. `--as text-logs` still reads it as logs.

/** What kind of document the lines look like ('an HTML page', …), or undefined. `lines`: non-blank lines of the head. */
export function documentKind(lines: readonly string[]): string | undefined {
  const n = lines.length;
  if (n === 0) return undefined;
  const k8s = kubernetesObject(lines.slice(0, 40).join('\n'));
  if (k8s) return k8s;
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

/**
 * A Kubernetes object or list as `kubectl get -o json|yaml` prints it (a support bundle's pods,
 * deployments, nodes…): resources, not telemetry. Its events are read (`kubectl get events -o json`)
 * and never reach here.
 */
function kubernetesObject(text: string): string | undefined {
  const head = text.slice(0, 4096);
  const json = /^\s*\{[\s\S]*?"kind"\s*:\s*"([A-Z][A-Za-z]*)"/.exec(head);
  const yaml = /^(?:---\s*\n)?(?:[\s\S]*\n)?kind:\s*([A-Z][A-Za-z]*)\s*$/m.exec(head);
  const kind = json?.[1] ?? yaml?.[1];
  if (!kind || !/"apiVersion"\s*:|^apiVersion:/m.test(head) || /^Event(List)?$/.test(kind)) return undefined;
  return `a Kubernetes ${kind} (kubectl get -o ${json ? 'json' : 'yaml'})`;
}
