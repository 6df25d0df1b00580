// A graph node merges the spellings of one service (`currencyservice` → `currency-service`); the
// app keyed the rows by the merged name, so the row read last won: the node `currency-service`
// showed the score of the row `currencyservice` (the OpenTelemetry demo's OTLP samples). Each node
// now shows the row named as the node, else the one with the most records.
import { describe, expect, it } from 'vitest';
import { nodeServices } from '../../../../renderer/features/graph/node-services.js';
import type { ServiceScore } from '../../../../analyzers/report/model.js';
import type { ServiceSpellings } from '../../../../analyzers/report/view.js';

const row = (name: string, score: number, spans: number, logs = 0): ServiceScore => ({
  name,
  signals: ['traces'],
  score,
  verdict: 'conditional',
  dimensions: { structure: { score, evaluated: 1, total: 1 }, noise: { score, evaluated: 1, total: 1 }, correlation: { score: null, evaluated: 0, total: 1 } },
  records: { spans, logs, points: 0 },
});

const spellings: ServiceSpellings = {
  merged: new Map([
    ['currencyservice', 'currency-service'],
    ['stlogin', 'stLogin'],
    ['Stlogin', 'stLogin'],
  ]),
  also: new Map([
    ['currency-service', ['currencyservice']],
    ['stLogin', ['Stlogin', 'stlogin']],
  ]),
};

describe('the row a graph node shows', () => {
  it('is the row named as the node, whatever the order of the rows', () => {
    const rows = [row('currency-service', 91.5, 10), row('currencyservice', 40, 500), row('web', 70, 3)];
    for (const list of [rows, [...rows].reverse()]) {
      const m = nodeServices(list, spellings);
      expect([...m.keys()].sort()).toEqual(['currency-service', 'web']);
      expect(m.get('currency-service')!.row.score).toBe(91.5);
      expect(m.get('currency-service')!.others.map((s) => s.name)).toEqual(['currencyservice']);
      expect(m.get('web')!.row.score).toBe(70);
      expect(m.get('web')!.others).toEqual([]);
    }
  });

  it('is the spelling with the most records when no row is named as the node', () => {
    const rows = [row('stlogin', 50, 2, 1), row('Stlogin', 80, 40)];
    for (const list of [rows, [...rows].reverse()]) {
      const m = nodeServices(list, spellings);
      expect([m.get('stLogin')!.row.name, m.get('stLogin')!.row.score, m.get('stLogin')!.others.map((s) => s.name)]).toEqual(['Stlogin', 80, ['stlogin']]);
    }
  });

  it('keys rows by their own name without the correlation mappings', () => {
    const m = nodeServices([row('a', 1, 1), row('b', 2, 2)], null);
    expect([...m].map(([k, v]) => [k, v.row.score])).toEqual([
      ['a', 1],
      ['b', 2],
    ]);
  });
});

describe('the app’s dependency graph', () => {
  it('labels each node with the score of the row named as the node (it showed the row read last)', async () => {
    const { createElement } = await import('react');
    const { renderToStaticMarkup } = await import('react-dom/server');
    const { DependencyGraphView } = await import('../../../../renderer/features/graph/DependencyGraph.js');
    const graph = { nodes: [{ service: 'web', kind: 'service' }, { service: 'currency-service', kind: 'service' }], edges: [{ from: 'web', to: 'currency-service', kind: 'service', calls: 3, errors: 0, errorRate: 0 }], sampled: false };
    const mappings = [{ raw: 'currencyservice', service: 'currency-service', reason: 'near-miss', from: 'resource service.name', signal: 'metrics', records: 500 }];
    // rows in the report's order (by name): the merged spelling's row comes last
    const services = [row('currency-service', 91.5, 10), row('currencyservice', 40, 500), row('web', 70, 3)];
    const report = { schemaVersion: '1.0', inputs: [], signals: {}, services, dependencyGraph: graph, correlation: { mappings } } as never;
    const html = renderToStaticMarkup(createElement(DependencyGraphView, { report }));
    // before: "…, score 40" (the row currencyservice, read last)
    expect(html).toContain('aria-label="currency-service (also currencyservice), score 91.5; currencyservice: score 40"');
    expect(html).toContain('class="node verdict-conditional ');
    expect(html).toContain('aria-label="web, score 70"');
  });
});
