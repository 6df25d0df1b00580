// Files picked after an analysis: the question asked before anything is replaced (what it says,
// its buttons, Escape, focus). The state side is in test/renderer/state/transitions.test.ts; the
// real dialog in Chromium in test/e2e/web-app.e2e.test.ts.
import { describe, expect, it, vi } from 'vitest';
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { AddFilesDialogView, addFilesText, onDialogCancel, restoreFocus, type AddFilesQuestion } from '../../../../renderer/features/inputs/AddFilesDialog.js';

const done: AddFilesQuestion = { picked: ['logs/app.log', 'traces.json', 'metrics.prom'], currentCount: 4, runStatus: 'done', verdict: 'not-ready', reportName: 'demo-shop/ (4 files)' };

describe('the question after an analysis', () => {
  it('says what was picked and what a new analysis would set aside', () => {
    expect(addFilesText(done)).toEqual({
      title: '3 files picked: start a new analysis or add to this one?',
      text: 'You picked logs/app.log and 2 more files. The current analysis read 4 files (verdict: Not ready); a new analysis sets them aside, and their report stays under Recent analyses.',
    });
    expect(addFilesText({ ...done, currentCount: 1, verdict: 'ready' }).text).toBe('You picked logs/app.log and 2 more files. The current analysis read 1 file (verdict: Ready); a new analysis sets it aside, and its report stays under Recent analyses.');
    expect(addFilesText({ ...done, picked: ['a.log'], currentCount: 0, runStatus: 'done', reportName: 'saved.json' }).text).toBe('You picked a.log. The report saved.json is open; a new analysis closes it.');
    expect(addFilesText({ ...done, picked: ['a.log', 'b.log'], currentCount: 1, runStatus: 'cancelled' }).text).toBe('You picked a.log and b.log. The analysis of the current 1 file was cancelled; a new analysis sets it aside.');
  });

  it('is a labelled dialog with the three answers; without current files there is nothing to add to', () => {
    const html = renderToStaticMarkup(createElement(AddFilesDialogView, { question: done, onChoose: () => undefined }));
    expect(html).toMatch(/^<dialog class="confirm-dialog" aria-labelledby="add-files-title" aria-describedby="add-files-text" data-testid="add-files-dialog">/);
    expect(html).toContain('<h2 id="add-files-title">3 files picked: start a new analysis or add to this one?</h2>');
    expect([...html.matchAll(/<button type="button"[^>]*>([^<]+)<\/button>/g)].map((m) => m[1])).toEqual(['Start a new analysis with these files', 'Add them to the current set and re-run', 'Cancel']);
    const opened = renderToStaticMarkup(createElement(AddFilesDialogView, { question: { ...done, currentCount: 0 }, onChoose: () => undefined }));
    expect([...opened.matchAll(/<button type="button"[^>]*>([^<]+)<\/button>/g)].map((m) => m[1])).toEqual(['Start a new analysis with these files', 'Cancel']);
  });

  it('Escape answers Cancel and keeps the browser from closing the dialog on its own', () => {
    const choose = vi.fn();
    const event = { preventDefault: vi.fn() };
    onDialogCancel(event, choose);
    expect(event.preventDefault).toHaveBeenCalledTimes(1);
    expect(choose.mock.calls).toEqual([['cancel']]);
  });

  it('gives focus back to what had it, when that is still on the page', () => {
    const there = { isConnected: true, focus: vi.fn() };
    const gone = { isConnected: false, focus: vi.fn() };
    restoreFocus(there);
    restoreFocus(gone);
    restoreFocus(null);
    expect([there.focus.mock.calls.length, gone.focus.mock.calls.length]).toEqual([1, 0]);
  });
});
