// Pure state changes of the UI.
import { describe, expect, it } from 'vitest';
import { addInputs, applyPartial, applyProgress, askToAdd, cancelRun, dropPendingAdd, fileEtaMs, finishRun, initialState, loadReport, needsAddChoice, overallProgress, setIncidentLabels, startRun, uniquePath, usableIncidents } from '../../../renderer/state/transitions.js';
import { parseIncidents } from '../../../analyzers/analysis/incidents.js';
import type { AppState } from '../../../renderer/state/types.js';
import type { FileProgress } from '../../../renderer/workers/protocol.js';
import { makeUiReport } from '../fixtures/ui-report.js';
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { CancelledRun } from '../../../renderer/features/dashboard/Dashboard.js';

const apply = (s: AppState, patch: Partial<AppState>): AppState => ({ ...s, ...patch });
const fp = (id: string, p: Partial<FileProgress>): FileProgress => ({ id, status: 'reading', bytesRead: 0, sizeBytes: 1000, records: 0, rejected: 0, errorCount: 0, errors: [], ...p });

describe('transitions', () => {
  it('adds inputs with unique paths and shows the inputs screen', () => {
    let s = initialState();
    s = apply(s, addInputs(s, [{ id: 'a', path: 'app.log', sizeBytes: 10 }, { id: 'b', path: 'app.log', sizeBytes: 20 }]));
    s = apply(s, addInputs(s, [{ id: 'c', path: 'app.log', sizeBytes: 30 }]));
    expect(s.inputs.map((e) => e.path)).toEqual(['app.log', 'app.log (2)', 'app.log (3)']);
    expect(s.screen).toBe('inputs');
    expect(uniquePath('x', new Set(['x', 'x (2)']))).toBe('x (3)');
  });

  it('ignores messages of an old run and adding files during a run', () => {
    let s = initialState();
    s = apply(s, addInputs(s, [{ id: 'a', path: 'a', sizeBytes: 1000 }]));
    s = apply(s, startRun(s, 2, 'a'));
    expect(addInputs(s, [{ id: 'z', path: 'z', sizeBytes: 1 }])).toEqual({});
    expect(askToAdd(s, [{ id: 'z', path: 'z', sizeBytes: 1 }])).toEqual({});
    expect(needsAddChoice(s)).toBe(false);
    expect(applyProgress(s, 1, [fp('a', { bytesRead: 5 })], 10)).toEqual({});
    expect(applyPartial(s, 1, makeUiReport())).toEqual({});
    s = apply(s, applyProgress(s, 2, [fp('a', { bytesRead: 500, records: 7 })], 1000));
    expect(s.inputs[0]!.progress!.bytesRead).toBe(500);
    s = apply(s, applyPartial(s, 2, makeUiReport()));
    expect(s.reportPartial).toBe(true);
    s = apply(s, finishRun(s, 2, makeUiReport(), [fp('a', { status: 'done', bytesRead: 1000 })]));
    expect([s.run.status, s.reportPartial, s.screen]).toEqual(['done', false, 'dashboard']);
    // A new selection after a finished run is never taken silently: the user is asked first.
    expect(needsAddChoice(s)).toBe(true);
    s = apply(s, askToAdd(s, [{ id: 'n', path: 'a', sizeBytes: 1, aliases: ['link-to-a'] }]));
    expect([s.pendingAdd!.entries.map((e) => e.id), s.inputs.map((e) => e.id), s.run.status, s.report !== null]).toEqual([['n'], ['a'], 'done', true]);
    // Cancel: nothing changes but the question goes
    const cancelled = apply(s, dropPendingAdd(s));
    expect([cancelled.pendingAdd, cancelled.inputs.map((e) => e.id), cancelled.run.status, cancelled.report !== null]).toEqual([null, ['a'], 'done', true]);
    // Add and re-run: the current files stay (without the last run's progress), the new one joins, the verdict goes
    const added = apply(s, addInputs(s, s.pendingAdd!.entries, 'add'));
    expect([added.pendingAdd, added.inputs.map((e) => [e.id, e.path, e.progress, e.aliases]), added.report, added.run.status]).toEqual([
      null,
      [
        ['a', 'a', undefined, undefined],
        ['n', 'a (2)', undefined, ['link-to-a']],
      ],
      null,
      'idle',
    ]);
    // A new analysis: the new file replaces the current ones
    s = apply(s, addInputs(s, s.pendingAdd!.entries, 'new'));
    expect([s.pendingAdd, s.inputs.map((e) => [e.id, e.path]), s.report, s.run.status]).toEqual([null, [['n', 'a']], null, 'idle']);
    // before any run, files are listed without a question
    expect(needsAddChoice(s)).toBe(false);
  });

  it('marks files still reading as cancelled when the worker was stopped outright', () => {
    let s = initialState();
    s = apply(s, addInputs(s, [{ id: 'a', path: 'a', sizeBytes: 1000 }, { id: 'b', path: 'b', sizeBytes: 1000 }]));
    s = apply(s, startRun(s, 1, 'x'));
    s = apply(s, applyProgress(s, 1, [fp('a', { status: 'done', bytesRead: 1000 }), fp('b', { bytesRead: 10 })], 100));
    s = apply(s, cancelRun(s, 1, []));
    expect(s.inputs.map((e) => e.progress!.status)).toEqual(['done', 'cancelled']);
    expect(s.run.status).toBe('cancelled');
  });

  it('drops the provisional verdict, score and fix plan when a run is cancelled', () => {
    let s = initialState();
    s = apply(s, addInputs(s, [{ id: 'a', path: 'a', sizeBytes: 1000 }]));
    s = apply(s, startRun(s, 1, 'a'));
    s = apply(s, applyProgress(s, 1, [fp('a', { bytesRead: 400, records: 12 })], 900));
    s = apply(s, applyPartial(s, 1, makeUiReport()));
    s = apply(s, { screen: 'findings' });
    s = apply(s, cancelRun(s, 1, [fp('a', { status: 'cancelled', bytesRead: 500, records: 15 })]));
    expect([s.run.status, s.report, s.reportPartial, s.screen]).toEqual(['cancelled', null, false, 'inputs']);
    expect(s.run.message).toMatch(/no verdict/);
    // What was read stays on the file row; the cancelled dashboard counts the same.
    const html = renderToStaticMarkup(createElement(CancelledRun, { inputs: s.inputs }));
    expect(html).toContain('Analysis cancelled');
    expect(html).toContain('15 records');
    expect(html).not.toMatch(/Not ready|Ready|score \d/);
  });

  it('computes overall progress and ETA from the observed rate', () => {
    const inputs = [
      { id: 'a', path: 'a', sizeBytes: 1000, progress: fp('a', { bytesRead: 1000, records: 10, status: 'done' }) },
      { id: 'b', path: 'b', sizeBytes: 3000, progress: fp('b', { bytesRead: 1000, sizeBytes: 3000, records: 5, startedMs: 1000 }) },
    ];
    // 2000 of 4000 bytes in 2000 ms → 2000 ms to go.
    expect(overallProgress(inputs, 2000)).toEqual({ bytesRead: 2000, totalBytes: 4000, records: 15, etaMs: 2000 });
    // File b: 1000 of 3000 bytes in the 1000 ms since it started → 2000 ms.
    expect(fileEtaMs(inputs[1]!.progress!, 2000)).toBe(2000);
    expect(fileEtaMs(inputs[0]!.progress!, 2000)).toBeNull();
  });

  it('loads a saved report with its workflows', () => {
    const s = initialState();
    const r = makeUiReport({ workflows: [{ id: 'w', name: 'Certificate rotation', services: ['payment'], riskClass: 'low', answers: { detectionAutomated: 'yes' }, level: 1 }] });
    const next = apply(s, loadReport(s, r, 'saved.json'));
    expect([next.screen, next.reportName, next.workflows.map((w) => [w.name, w.answers.detectionAutomated, w.riskClass])]).toEqual(['dashboard', 'saved.json', [['Certificate rotation', 'yes', 'low']]]);
  });

  it('keeps incident labels apart from the inputs, records which labels a run used, and ignores changes during a run', () => {
    let s = initialState();
    const parsed = parseIncidents('id,start,service\ni1,2023-01-30T11:51:46Z,ts-contacts-service\n');
    s = apply(s, setIncidentLabels(s, { name: 'labels.csv', sizeBytes: 52, ...parsed }));
    expect(usableIncidents(s)).toEqual([{ id: 'i1', startNs: 1675079506000000000n, service: 'ts-contacts-service' }]);
    s = apply(s, addInputs(s, [{ id: 'a', path: 'a', sizeBytes: 10 }]));
    s = apply(s, startRun(s, 1, 'a'));
    expect(s.run.incidentLabelsName).toBe('labels.csv');
    expect(setIncidentLabels(s, null)).toEqual({});
    s = apply(s, finishRun(s, 1, makeUiReport(), []));
    s = apply(s, setIncidentLabels(s, null));
    expect(usableIncidents(s)).toEqual([]);
    // A file without usable rows is kept (its problems are shown) but gives the run no incidents.
    s = apply(s, setIncidentLabels(s, { name: 'bad.json', sizeBytes: 2, ...parseIncidents('[]') }));
    expect(usableIncidents(s)).toEqual([]);
    s = apply(s, startRun(s, 2, 'a'));
    expect(s.run.incidentLabelsName).toBeUndefined();
  });
});
