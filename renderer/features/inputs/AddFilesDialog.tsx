// Files picked (or dropped) after an analysis: ask before anything is replaced. A modal <dialog>
// (showModal): the page behind is inert, Tab stays in the dialog, Escape cancels, and focus goes
// back to where it was when the question closes without a new screen.
import { useEffect, useRef, useState } from 'react';
import type { Verdict } from '../../../analyzers/report/model.js';
import { useApp } from '../../state/store.js';
import { resolvePendingAdd } from '../../state/controller.js';
import type { RunStatus } from '../../state/types.js';
import { plural, verdictLabel } from '../shell/format.js';

export type AddChoice = 'new' | 'add' | 'cancel';

export interface AddFilesQuestion {
  /** Paths of the files picked. */
  picked: string[];
  /** Files of the current analysis (none for an opened report). */
  currentCount: number;
  runStatus: RunStatus;
  verdict: Verdict | null;
  reportName: string;
}

/** "app.log", "app.log and traces.json", "app.log and 3 more files". */
function pickedText(picked: string[]): string {
  if (picked.length === 1) return picked[0]!;
  if (picked.length === 2) return `${picked[0]} and ${picked[1]}`;
  return `${picked[0]} and ${picked.length - 1} more files`;
}

/** What the question says about the picked files and what would be set aside. */
export function addFilesText(q: AddFilesQuestion): { title: string; text: string } {
  const title = `${plural(q.picked.length, 'file')} picked: start a new analysis or add to this one?`;
  const picked = `You picked ${pickedText(q.picked)}.`;
  const [them, their] = q.currentCount === 1 ? ['it', 'its'] : ['them', 'their'];
  let current: string;
  if (q.currentCount === 0) current = `The report${q.reportName ? ` ${q.reportName}` : ''} is open; a new analysis closes it.`;
  else if (q.runStatus === 'done') current = `The current analysis read ${plural(q.currentCount, 'file')} (verdict: ${verdictLabel(q.verdict)}); a new analysis sets ${them} aside, and ${their} report stays under Recent analyses.`;
  else current = `The analysis of the current ${plural(q.currentCount, 'file')} ${q.runStatus === 'cancelled' ? 'was cancelled' : 'failed'}; a new analysis sets ${them} aside.`;
  return { title, text: `${picked} ${current}` };
}

/** Escape (the dialog's `cancel` event) answers Cancel; the dialog is not left to close itself. */
export function onDialogCancel(event: { preventDefault(): void }, choose: (c: AddChoice) => void): void {
  event.preventDefault();
  choose('cancel');
}

/** Give focus back to what had it before the dialog, if it is still on the page. */
export function restoreFocus(previous: { isConnected: boolean; focus(): void } | null): void {
  if (previous && previous.isConnected) previous.focus();
}

export function AddFilesDialogView({ question, onChoose }: { question: AddFilesQuestion; onChoose: (c: AddChoice) => void }) {
  const ref = useRef<HTMLDialogElement>(null);
  const first = useRef<HTMLButtonElement>(null);
  // What had focus, read while rendering: before anything in the dialog takes it.
  const [previous] = useState(() => (typeof document !== 'undefined' && document.activeElement instanceof HTMLElement ? document.activeElement : null));
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (!dialog.open) dialog.showModal();
    first.current?.focus();
    return () => {
      if (dialog.open) dialog.close();
      restoreFocus(previous);
    };
  }, [previous]);
  const { title, text } = addFilesText(question);
  return (
    <dialog
      ref={ref}
      className="confirm-dialog"
      aria-labelledby="add-files-title"
      aria-describedby="add-files-text"
      onCancel={(e) => onDialogCancel(e, onChoose)}
      // (a close that was not asked for — a second Escape the browser does not let be cancelled — is a
      // Cancel too; not the close of a dialog shown again since, as React's StrictMode does)
      onClose={(e) => {
        if (!e.currentTarget.open) onChoose('cancel');
      }}
      data-testid="add-files-dialog"
    >
      <h2 id="add-files-title">{title}</h2>
      <p id="add-files-text">{text}</p>
      <div className="actions">
        <button ref={first} type="button" className="primary" onClick={() => onChoose('new')} data-testid="add-files-new">
          Start a new analysis with these files
        </button>
        {question.currentCount > 0 ? (
          <button type="button" onClick={() => onChoose('add')} data-testid="add-files-add">
            Add them to the current set and re-run
          </button>
        ) : null}
        <button type="button" onClick={() => onChoose('cancel')} data-testid="add-files-cancel">
          Cancel
        </button>
      </div>
    </dialog>
  );
}

/** Shown while picked files wait for the user's choice (state.pendingAdd). */
export function AddFilesDialog() {
  const pending = useApp((s) => s.pendingAdd);
  const currentCount = useApp((s) => s.inputs.length);
  const runStatus = useApp((s) => s.run.status);
  const verdict = useApp((s) => s.report?.verdict ?? null);
  const reportName = useApp((s) => s.reportName);
  if (!pending) return null;
  return (
    <AddFilesDialogView
      question={{ picked: pending.entries.map((e) => e.path), currentCount, runStatus, verdict, reportName }}
      onChoose={(c) => void resolvePendingAdd(c)}
    />
  );
}
