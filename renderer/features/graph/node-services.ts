// Which per-service row a dependency-graph node shows (pure, tested). The graph names a service by
// its merged spelling (`currency-service`), the rows by their records' (`currency-service` and
// `currencyservice`): several rows can map to one node. The node shows the row named as the node,
// else the one with the most records (the spelling the graph would choose); the others are listed.
import type { ServiceScore } from '../../../analyzers/report/model.js';
import type { ServiceSpellings } from '../../../analyzers/report/view.js';

export interface NodeService {
  /** The row whose score and verdict the node shows. */
  row: ServiceScore;
  /** Other rows the graph merges into the node, by name. */
  others: ServiceScore[];
}

function recordsOf(s: ServiceScore): number {
  const r = s.records;
  return r ? (r.spans ?? 0) + (r.logs ?? 0) + (r.points ?? 0) : 0;
}

export function nodeServices(services: readonly ServiceScore[], spellings: ServiceSpellings | null): Map<string, NodeService> {
  const byNode = new Map<string, ServiceScore[]>();
  for (const s of services) {
    const node = spellings?.merged.get(s.name) ?? s.name;
    const l = byNode.get(node);
    if (l) l.push(s);
    else byNode.set(node, [s]);
  }
  const out = new Map<string, NodeService>();
  for (const [node, rows] of byNode) {
    const sorted = [...rows].sort((a, b) => Number(b.name === node) - Number(a.name === node) || recordsOf(b) - recordsOf(a) || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    out.set(node, { row: sorted[0]!, others: sorted.slice(1) });
  }
  return out;
}
