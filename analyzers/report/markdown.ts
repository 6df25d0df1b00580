// Report model → Markdown (GitHub-flavoured tables), for pull-request comments and wikis.
// Same content and order as the HTML report, minus the charts; byte-identical for the same report.
import type { Report } from './model.js';
import {
  DIMENSION_ORDER,
  IMPACT_ORDER,
  compareText,
  formatAliases,
  formatReadAs,
  formatBytesFixed,
  formatDateTime,
  formatDelta,
  findingFix,
  formatEvidenceCounts,
  formatInt,
  labelInputFormat,
  formatMs,
  formatScore,
  formatShare,
  formatValue,
  RULE_OUTCOME_LABEL,
  labelDimension,
  labelImpact,
  labelVerdict,
  visibleChunks,
  visibleControls,
  formatTraceDetail,
} from './format.js';
import {
  failingFindings,
  listFindings,
  listRules,
  listServiceNames,
  largestServiceCount,
  servicesCapped,
  pooledServicesText,
  signalServicesText,
  passingFindings,
  readCorrelationFacts,
  readDependencyGraph,
  readRca,
  readSymptoms,
  readWorkflows,
  ruleMap,
  ruleTitle,
  serviceLabel,
  serviceSpellings,
  withGraphName,
  withSpellings,
  totalRecords,
  exampleLocation,
} from './view.js';

/**
 * Running text: raw HTML in messages (e.g. `<name>` in a remediation) must not become markup.
 * Inside a code span (`` `value: <name>` ``) Markdown shows text literally, so `&lt;` there would
 * be printed as `&lt;`: only the text outside code spans is escaped (CommonMark: a span closes at
 * the next backtick run of the same length; an unmatched run is literal text).
 */
/**
 * Text outside code spans: raw HTML (`<`), entities (`&lt;` of a name meant literally) and link or
 * image syntax (`[…](…)`, `![…](…)`: a name from the data must not fetch a remote image or link
 * anywhere) are neutralised; everything else is shown as written.
 */
function plain(s: string): string {
  return s.replace(/[<&[\]]/g, (c) => (c === '<' ? '&lt;' : c === '&' ? '&amp;' : '\\' + c));
}

function prose(v: unknown): string {
  const s = String(v ?? '');
  let out = '';
  let i = 0;
  while (i < s.length) {
    const open = s.indexOf('`', i);
    if (open < 0) break;
    let n = open;
    while (s[n] === '`') n++;
    let slashes = 0;
    while (s[open - 1 - slashes] === '\\') slashes++;
    if (slashes % 2 === 1) {
      // `\`` is a literal backtick, not the start of a code span.
      out += plain(s.slice(i, open + 1));
      i = open + 1;
      continue;
    }
    const run = n - open;
    let close = -1;
    for (let j = s.indexOf('`', n); j >= 0; ) {
      let k = j;
      while (s[k] === '`') k++;
      if (k - j === run) {
        close = j;
        break;
      }
      j = s.indexOf('`', k);
    }
    if (close < 0) {
      out += plain(s.slice(i, n));
      i = n;
      continue;
    }
    out += plain(s.slice(i, open)) + s.slice(open, close + run);
    i = close + run;
  }
  return out + plain(s.slice(i));
}

/** Table cell: no newlines, pipes escaped, raw HTML neutralised. */
function cell(v: unknown): string {
  return prose(v)
    .replace(/\r?\n/g, ' ')
    .replace(/\|/g, '\\|')
    .trim();
}

function table(head: string[], rows: unknown[][], align?: ('l' | 'r')[]): string {
  return [...tableLines(head, rows, align)].join('');
}

/** table()'s text line by line, its rows made as they are written (a table of 200,000 inputs is never one string). */
function* tableLines(head: string[], rows: Iterable<unknown[]>, align?: ('l' | 'r')[]): Generator<string> {
  const sep = head.map((_, i) => (align?.[i] === 'r' ? '---:' : '---'));
  yield `| ${head.map(cell).join(' | ')} |\n| ${sep.join(' | ')} |`;
  for (const r of rows) yield `\n| ${r.map(cell).join(' | ')} |`;
  yield '\n';
}

/** `f` over `items`, as they are iterated. */
function* mapped<T, U>(items: readonly T[], f: (item: T) => U): Generator<U> {
  for (const item of items) yield f(item);
}

/** Inline code that survives backticks inside the text. */
function code(s: string): string {
  // (a fence longer than any backtick run inside: a name holding ``…`` must not close the span and let HTML through)
  let longest = 0;
  for (const run of s.match(/`+/g) ?? []) longest = Math.max(longest, run.length);
  const ticks = '`'.repeat(longest + 1);
  const pad = s.startsWith('`') || s.endsWith('`') ? ' ' : '';
  return `${ticks}${pad}${s.replace(/\r?\n/g, ' ')}${pad}${ticks}`;
}

const NOT_EVALUATED = '_Not evaluated._\n';

export function renderReportMarkdown(report: Report): string {
  return [...markdownChunks(report)].join('');
}

/**
 * The text of renderReportMarkdown in pieces of about 64 KB: the tables of every input (what was
 * analysed, the fingerprints) are written row by row as the pieces are taken.
 */
export function markdownChunks(report: Report): Generator<string> {
  return visibleChunks(joinParts(markdownParts(report), '\n'));
}

/** The parts, `sep` between two: a part is a string or, for a long table, its lines. */
function* joinParts(parts: (string | Iterable<string>)[], sep: string): Generator<string> {
  for (let k = 0; k < parts.length; k++) {
    if (k > 0) yield sep;
    const part = parts[k]!;
    if (typeof part === 'string') yield part;
    else yield* part;
  }
}

function markdownParts(report: Report): (string | Iterable<string>)[] {
  const out: (string | Iterable<string>)[] = [];
  const rules = ruleMap(report);
  // merged service names shown with the spellings findings name them by (`stLogin (also stlogin)`)
  const spellings = serviceSpellings(report);
  const push = (s: string | Iterable<string>): void => {
    out.push(s);
  };

  push(`# ObsReady — Level-3 readiness report\n`);
  push(`**Verdict: ${labelVerdict(report.verdict)}** · **Score: ${formatScore(report.score)} / 100**\n`);
  if (report.verdictReason) push(`${prose(report.verdictReason)}\n`);
  if (report.bindingConstraint) {
    const bc = report.bindingConstraint;
    push(`**Binding constraint:** ${labelDimension(bc.dimension)}${bc.ruleIds?.length ? ` — ${bc.ruleIds.join(', ')}` : ''}. ${bc.explanation ?? ''}`.trimEnd() + '\n');
  }
  const services = listServiceNames(report);
  push(
    `Generated ${formatDateTime(report.generatedAt)} by ${report.tool?.name ?? 'obsready'} ${report.tool?.version ?? ''} (report schema ${report.schemaVersion}) · ` +
      `${formatInt(report.inputs?.length ?? 0)} inputs, ${formatInt(totalRecords(report))} records, ${servicesCapped(report) ? `at least ${formatInt(Math.max(services.length, largestServiceCount(report)))}` : formatInt(services.length)} services.\n`,
  );

  // What was analysed
  push(`## What was analysed\n`);
  const s = report.signals;
  push(
    table(
      ['Signal', 'Records', 'Scope', 'Services'],
      [
        ['Traces', `${formatInt(s?.traces?.spans)} spans`, `${formatInt(s?.traces?.traces)} traces`, signalServicesText(s?.traces)],
        ['Metrics', `${formatInt(s?.metrics?.points)} points`, `${formatInt(s?.metrics?.series)} series, ${formatInt(s?.metrics?.metricNames)} names`, signalServicesText(s?.metrics)],
        ['Logs', `${formatInt(s?.logs?.records)} records`, '–', signalServicesText(s?.logs)],
      ],
      ['l', 'r', 'l', 'r'],
    ),
  );
  if (s?.traces?.detail) push(`Traces: ${formatTraceDetail(s.traces.detail, s.traces.spans)}.\n`);
  push(
    tableLines(
      ['Input', 'Format', 'Signal', 'Size', 'Records', 'Rejected'],
      mapped(report.inputs ?? [], (i) => [i.aliases?.length ? `${i.path} (${formatAliases(i.aliases)})` : i.path, i.detection?.readAs ? `${labelInputFormat(i)} (${formatReadAs(i.detection.readAs)})` : labelInputFormat(i), i.signal, formatBytesFixed(i.bytes), formatInt(i.records), formatInt(i.rejected)]),
      ['l', 'l', 'l', 'r', 'r', 'r'],
    ),
  );
  // Inputs a Ctrl-C left unread are rows above with nothing in them: said what they are.
  const notRead = (report.inputs ?? []).filter((i) => i.errors?.some((e) => e.code === 'not-read'));
  if (notRead.length > 0) {
    const shown = notRead.slice(0, 20).map((i) => code(i.path));
    const more = notRead.length > shown.length ? ` and ${formatInt(notRead.length - shown.length)} more` : '';
    push(`**Not read** (\`not-read\`: the run was stopped by Ctrl-C before ${notRead.length === 1 ? 'it' : 'them'}; run again to read ${notRead.length === 1 ? 'it' : 'them'}): ${shown.join(', ')}${more}.\n`);
  }

  // Dimensions
  push(`## Scores by dimension\n`);
  if (report.dimensions) {
    const d = report.dimensions;
    push(
      table(
        ['Dimension', 'Score', 'Rules evaluated', 'Rules failing'],
        DIMENSION_ORDER.map((k) => [labelDimension(k), formatScore(d[k]?.score), d[k] ? `${d[k].evaluated} of ${d[k].total}` : 'n/a', d[k] ? formatInt(d[k].rules.filter((r) => !r.passed).length) : 'n/a']),
        ['l', 'r', 'r', 'r'],
      ),
    );
  } else push(NOT_EVALUATED);

  // Services
  push(`## Services\n`);
  const svc = [...(report.services ?? [])].sort((a, b) => compareText(a.name, b.name));
  if (svc.length) {
    const pooled = pooledServicesText(report);
    if (pooled) push(`${pooled}\n`);
    push(
      table(
        ['Service', 'Signals', 'Score', 'Verdict', ...DIMENSION_ORDER.map(labelDimension)],
        svc.map((x) => [serviceLabel(x, spellings), (x.signals ?? []).join(', '), formatScore(x.score), labelVerdict(x.verdict), ...DIMENSION_ORDER.map((k) => formatScore(x.dimensions?.[k]?.score))]),
        ['l', 'l', 'r', 'l', 'r', 'r', 'r'],
      ),
    );
  } else {
    push(NOT_EVALUATED);
    if (services.length) push(`Services seen${servicesCapped(report) ? ' (each signal lists its first names in sorted order only)' : ''}: ${services.join(', ')}.\n`);
  }

  // Fix plan
  push(`## Fix plan\n`);
  if (report.fixPlan?.length) {
    push(
      table(
        ['#', 'Rule', 'Service', 'Gain', 'New score', 'New verdict', 'Action'],
        report.fixPlan.map((p, i) => [String(i + 1), `${p.ruleId} ${ruleTitle(rules, p.ruleId) !== p.ruleId ? ruleTitle(rules, p.ruleId) : ''}`.trim(), p.service === '*' ? 'all affected' : p.service, formatDelta(p.gain), formatScore(p.newScore), labelVerdict(p.newVerdict), p.action]),
        ['r', 'l', 'l', 'r', 'r', 'l', 'l'],
      ),
    );
  } else push(report.fixPlan ? 'No rule fails: there is nothing to fix.\n' : NOT_EVALUATED);

  // Findings
  push(`## Findings\n`);
  if (!report.findings) push(NOT_EVALUATED);
  else {
    const all = listFindings(report);
    const failing = failingFindings(report);
    push(
      table(
        ['Impact', 'Failing', RULE_OUTCOME_LABEL.inconclusive.replace(/^./, (c) => c.toUpperCase()), 'Passing'],
        IMPACT_ORDER.map((i) => {
          const of = all.filter((f) => f.impact === i);
          return [labelImpact(i), formatInt(of.filter((f) => !f.passed && !f.inconclusive).length), formatInt(of.filter((f) => f.inconclusive).length), formatInt(of.filter((f) => f.passed).length)];
        }),
        ['l', 'r', 'r', 'r'],
      ),
    );
    for (const f of failing) {
      push(`### ${labelImpact(f.impact)}: ${f.ruleId} ${ruleTitle(rules, f.ruleId) !== f.ruleId ? ruleTitle(rules, f.ruleId) : ''} — ${f.service === '*' ? 'all services' : cell(withGraphName(f.service, spellings))}${f.inconclusive ? ` (${RULE_OUTCOME_LABEL.inconclusive})` : ''}\n`.replace(/ {2,}/g, ' '));
      push(`${prose(f.message)}\n`);
      const ev = f.evidence;
      push(
        `- ${labelDimension(f.dimension)} · ${f.signal} · measured ${formatValue(f.value)} (threshold ${formatValue(f.threshold)})` +
          (ev ? `\n- Evidence: ${formatEvidenceCounts(ev, f.inconclusive)}, confidence ${ev.confidence}` : '') +
          (ev?.examples ?? [])
            .map((x) => {
              const at = exampleLocation(x);
              const note = x.note ? ` (${cell(x.note)})` : '';
              const excerpt = code(visibleControls(x.excerpt));
              return at ? `\n  - ${code(at)}${note}: ${excerpt}` : `\n  - ${excerpt}${note}`;
            })
            .join('') +
          (f.remediation ? `\n- Fix: ${prose(findingFix(f))}` : '') +
          '\n',
      );
    }
    const passing = passingFindings(report);
    if (passing.length) {
      const byRule = new Map<string, string[]>();
      for (const f of passing) (byRule.get(f.ruleId) ?? byRule.set(f.ruleId, []).get(f.ruleId)!).push(f.service);
      push(`### Passing\n`);
      push(table(['Rule', 'Title', 'Passes for'], [...byRule.keys()].sort(compareText).map((id) => [id, ruleTitle(rules, id), byRule.get(id)!.join(', ')])));
    }
  }

  // Correlation
  push(`## Correlation\n`);
  const graph = readDependencyGraph(report);
  const facts = readCorrelationFacts(report);
  const symptoms = readSymptoms(report);
  if (!graph && !facts && !symptoms.length) push(NOT_EVALUATED);
  if (graph) {
    push(`### Service dependencies\n`);
    if (graph.sampled) push(`Call counts estimated from a sample of traces${graph.sample ? ` (${graph.sample})` : ''}: past the memory cap.\n`);
    if (graph.omitted > 0) push(`${formatInt(graph.omitted)} more services are not shown: the busiest ${graph.nodes.length} are.\n`);
    push(
      table(
        ['Caller', 'Callee', 'Calls', 'Errors', 'p50 ms', 'p95 ms', 'p99 ms'],
        graph.edges.map((e) => [withSpellings(e.from, spellings), `${withSpellings(e.to, spellings)}${e.inferred ? ' (peer)' : ''}`, formatInt(e.calls), e.errorRate === null ? '–' : formatShare(e.errorRate), formatMs(e.p50Ms), formatMs(e.p95Ms), formatMs(e.p99Ms)]),
        ['l', 'l', 'r', 'r', 'r', 'r', 'r'],
      ),
    );
  }
  if (facts) {
    const rows = [...facts.shares.map((x) => [x.label, formatShare(x.value)]), ...facts.facts.map((x) => [x.label, x.value])];
    if (rows.length) push(table(['Measure', 'Value'], rows));
    if (facts.identity.length) push(table(['Service', 'Traces', 'Metrics', 'Logs'], facts.identity.map((i) => [`${withSpellings(i.service, spellings)}${i.peerOnly ? ' (peer only)' : ''}`, ...(['traces', 'metrics', 'logs'] as const).map((g) => (i.signals.includes(g) ? 'yes' : '–'))])));
    if (facts.aliases.length) push(table(['Seen as', 'Mapped to', 'Why'], facts.aliases.map((a) => [a.from, a.to, a.note])));
  }
  if (symptoms.length) {
    push(`### Symptoms\n`);
    push(table(['Onset', 'Service', 'Symptom', 'Signal', 'Strength', 'Measured'], symptoms.map((x) => [formatDateTime(x.onset), withSpellings(x.service, spellings), x.kind, x.signal, formatValue(x.strength), x.evidence]), ['l', 'l', 'l', 'l', 'r', 'l']));
  }

  // RCA
  push(`## Root-cause replay\n`);
  const rca = readRca(report);
  if (!rca) push('_Not evaluated: no labelled incidents were given._\n');
  else {
    const m = rca.main;
    const b = rca.baseline;
    const row = (x: typeof m): string[] => [x.method, formatShare(x.ac1), formatShare(x.ac3), formatShare(x.avg5), formatShare(x.chance), x.lift === null ? 'n/a' : `${x.lift.toFixed(2)}×`];
    push(table(['Method', 'AC@1', 'AC@3', 'Avg@5', 'Chance', 'Lift'], b ? [row(m), row(b)] : [row(m)], ['l', 'r', 'r', 'r', 'r', 'r']));
    if (m.cases.length) {
      push(
        table(
          ['Incident', 'Fault', 'True cause', 'Rank', 'Top 5'],
          m.cases.map((c) => [c.id, c.fault || '–', c.trueService, c.rankOfTrue === null ? 'not ranked' : `#${c.rankOfTrue}`, c.ranking.slice(0, 5).map((r) => withSpellings(r.service, spellings)).join(', ')]),
          ['l', 'l', 'l', 'r', 'l'],
        ),
      );
    }
    if (rca.skipped.length) push(`Skipped: ${rca.skipped.map((k) => `${k.id}${k.reason ? ` (${k.reason})` : ''}`).join('; ')}.\n`);
  }

  // Workflows
  push(`## Workflows\n`);
  const wf = readWorkflows(report);
  if (!wf.length) push('_Not evaluated: no workflow assessment was given._\n');
  else push(table(['Workflow', 'Level', 'Risk', 'Services', 'Data readiness', 'Binding'], wf.map((w) => [w.name, w.level, w.riskClass, w.services.join(', '), formatScore(w.readiness), w.binding])));

  // Instrumentation Score
  push(`## Instrumentation Score\n`);
  const is = report.instrumentationScore;
  if (!is) push(NOT_EVALUATED);
  else {
    push(`Overall **${formatScore(is.score)}**${is.band ? ` (${is.band})` : ''}, ${formatInt(is.evaluated)} of ${formatInt(is.total)} specification rules evaluated. ${is.note ?? ''}`.trimEnd() + '\n');
    const per = [...(is.perService ?? [])].sort((a, b) => compareText(a.service, b.service));
    if (per.length) {
      push(
        table(
          ['Service', 'Score', 'Band', 'Evaluated', 'Failing rules'],
          per.map((p) => [p.service, formatScore(p.score), p.band ?? 'n/a', `${p.evaluated} of ${p.total}`, (p.rules ?? []).filter((r) => r.passed === false).map((r) => r.id).join(', ') || 'none']),
          ['l', 'r', 'l', 'r', 'l'],
        ),
      );
    }
  }

  // Appendix
  push(`## Appendix: rule catalogue\n`);
  const catalogue = listRules(report);
  if (catalogue.length) push(table(['Rule', 'Dimension', 'Signal', 'Impact', 'Title', 'Passes when'], catalogue.map((r) => [r.id, labelDimension(r.dimension), r.signal, labelImpact(r.impact), r.title, r.passes])));
  else push(NOT_EVALUATED);
  push(`## Appendix: input fingerprints\n`);
  push(tableLines(['Input', 'Bytes', 'SHA-256'], mapped(report.inputs ?? [], (i) => [i.path, formatInt(i.bytes), i.sha256 ? code(i.sha256) : '–']), ['l', 'r', 'l']));
  // (every text from the data — service names, messages — shown, never acted on by a viewer or terminal: see markdownChunks)
  return out;
}
