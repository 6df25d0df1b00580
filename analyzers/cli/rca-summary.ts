// One paragraph on the terminal for `--incidents`: root-cause replay accuracy, both rankers.
import type { Report } from '../report/model.js';

export function formatRcaSummary(report: Report): string {
  const r = report.rca;
  if (!r) return '';
  const fmt = (x: number | null) => (x === null ? 'n/a' : x.toFixed(2));
  let out = `\nRoot-cause replay on ${r.cases.length} incident(s)${r.skipped.length ? ` (${r.skipped.length} not covered by the data)` : ''}:\n`;
  out += `  multi-signal  AC@1 ${fmt(r.ac1)}  AC@3 ${fmt(r.ac3)}  Avg@5 ${fmt(r.avg5)}  chance ${fmt(r.chance)}  lift ${fmt(r.lift)}\n`;
  const b = r.baseline;
  out += `  BARO metrics  AC@1 ${fmt(b.ac1)}  AC@3 ${fmt(b.ac3)}  Avg@5 ${fmt(b.avg5)}  chance ${fmt(b.chance)}  lift ${fmt(b.lift)}\n`;
  for (const c of r.cases.slice(0, 10)) {
    out += `  ${c.id}: ${c.trueService} ranked ${c.rankOfTrue ?? '–'} (top: ${c.ranking.slice(0, 3).map((x) => x.service).join(', ') || 'none'})\n`;
  }
  return out;
}
