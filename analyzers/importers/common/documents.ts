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
  // a project's licence (LICENSE, NOTICE, COPYING) beside the data
  if (LICENCE.test(lines.slice(0, 5).join('\n')) || /^\s*LICEN[CS]E\b|\bLICEN[CS]E\s*$/.test(first)) return 'a licence text';
  // a list of trace or span ids, one a line (an incident dataset's index of its traces)
  if (lines.every((l) => ID_LINE.test(l))) return 'a list of ids (one hex id a line)';
  if (/^<!doctype html|^<html[\s>]/i.test(first) || (/^</.test(first) && lines.some((l) => /<(head|body)[\s>]/i.test(l)))) return 'an HTML page';
  let headings = 0;
  let fences = 0;
  let markup = 0;
  let code = 0;
  let quoted = false;
  for (const raw of lines) {
    const l = raw.trim();
    // A runtime's report of a crash is output, not source: its frame lines (Ruby's `from file:line:in`)
    // and the source lines a Python traceback quotes under its frames are no code.
    const quotedSource = quoted && /^\s/.test(raw);
    quoted = PY_FRAME.test(raw);
    if (quotedSource || quoted || STACK_FRAME.test(raw)) continue;
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

/** A Python traceback's frame: the next line, indented further, quotes its source. */
const PY_FRAME = /^ {2}File "[^"\n]{1,4000}", line \d+, in \S/;
/**
 * A frame line of a runtime's crash report: Ruby's `\tfrom app.rb:18:in 'a'`, Go's
 * `\t/srv/main.go:25 +0x285`, the JVM's and .NET's `at …`, Rust's `at src/main.rs:5:5`.
 */
const STACK_FRAME = /^\s+(?:from (?:[A-Za-z]:)?[^\s:][^:\n]{0,4000}:\d+:in [`'<]|\S[^\n]{0,4000}:\d+ \+0x[0-9a-f]+$|at \S)/;
const LICENCE = /^\s*(?:(?:The )?MIT License|Apache License|(?:GNU )?(?:GENERAL|LESSER|AFFERO GENERAL) PUBLIC LICENSE|Mozilla Public License|BSD [23]-Clause License|Permission is hereby granted, free of charge|Copyright \(c\) \d{4}.*\n\s*(?:All rights reserved|Permission is hereby granted|Licensed under))/im;
const ID_LINE = /^\s*(?:[0-9a-fA-F]{32}|[0-9a-fA-F]{16})\s*,?\s*$/;

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
