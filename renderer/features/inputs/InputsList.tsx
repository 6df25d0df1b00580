import { memo, useState } from 'react';
import { useApp, update } from '../../state/store.js';
import { cancelAnalysis, removeSource, startAnalysis } from '../../state/controller.js';
import { clearInputs, fileEtaMs, overallProgress, removeInput, setScreen } from '../../state/transitions.js';
import type { InputEntry, RunState } from '../../state/types.js';
import type { Report } from '../../../analyzers/report/model.js';
import { READ_AS_LEAD, formatAliases, labelInputFormat } from '../../../analyzers/report/format.js';
import { formatCell } from './input-format.js';
import { formatBytes, formatCount, formatDurationMs, formatScore, plural, verdictLabel } from '../shell/format.js';
import { IncidentLabelsPicker } from './IncidentLabelsPicker.js';
import { BreakablePath } from '../shell/BreakablePath.js';
import { RichText } from '../shell/RichText.js';

const STATUS_LABEL: Record<string, string> = { queued: 'Queued', reading: 'Reading', done: 'Done', failed: 'Failed', cancelled: 'Cancelled' };

type RowError = { code: string; message: string; line?: number; offset?: number };

const ERRORS_SHOWN = 8;

/** A file's problems: the first few, then "and N more" with a way to see every one the worker sent. */
export function ErrorList({ errors, total, initiallyAll = false }: { errors: RowError[]; total: number; initiallyAll?: boolean }) {
  const [all, setAll] = useState(initiallyAll);
  const shown = all ? errors : errors.slice(0, ERRORS_SHOWN);
  const hiddenListed = errors.length - shown.length;
  // The worker sends at most 20 per file; the exported report keeps the first 100.
  const notSent = Math.max(0, total - errors.length);
  return (
    <details>
      <summary>
        {formatCount(total)} {total === 1 ? 'problem' : 'problems'}
      </summary>
      <ul>
        {shown.map((e, i) => (
          <li key={i}>
            <code>{e.code}</code> {e.line !== undefined ? `line ${e.line}: ` : e.offset !== undefined ? `byte ${e.offset}: ` : ''}
            {e.message}
          </li>
        ))}
      </ul>
      {hiddenListed > 0 ? (
        <button type="button" className="link small" onClick={() => setAll(true)}>
          and {formatCount(hiddenListed + notSent)} more: show {notSent > 0 ? `the next ${formatCount(hiddenListed)}` : 'all'}
        </button>
      ) : null}
      {notSent > 0 && hiddenListed === 0 ? <p className="small muted">and {formatCount(notSent)} more not listed here (a report keeps the first 100 per file).</p> : null}
    </details>
  );
}

/** The other paths of a file read once (a symbolic or hard link to it), under its path. */
export function Aliases({ aliases }: { aliases: string[] | undefined }) {
  if (!aliases?.length) return null;
  return (
    <span className="aliases small muted" data-testid="input-aliases">
      {formatAliases(aliases)}
    </span>
  );
}

/**
 * Why a file was read as another format than its head showed (the report's `detection.readAs`), under
 * the format: a disclosure whose sentence is text (a screen reader and a keyboard reach it; a
 * sentence of a few lines does not stretch every row of a narrow column).
 */
export function ReadAsNote({ readAs }: { readAs: string | undefined }) {
  if (!readAs) return null;
  return (
    <details className="read-as small" data-testid="format-read-as">
      <summary>{READ_AS_LEAD}</summary>
      <p>
        <RichText text={readAs} />
      </p>
    </details>
  );
}

// Memoised: with a folder of thousands of files only the rows that changed re-render.
export const InputRow = memo(function InputRow({ entry, elapsedMs, running }: { entry: InputEntry; elapsedMs: number; running: boolean }) {
  const d = entry.detection;
  const p = entry.progress;
  const share = p ? Math.min(1, p.bytesRead / Math.max(entry.sizeBytes, 1)) : 0;
  const eta = p ? fileEtaMs(p, elapsedMs) : null;
  const cell = formatCell(entry);
  const errors = p?.errors.length ? p.errors : d?.problem ? [{ code: d.problem.code, message: d.problem.message }] : [];
  const errorCount = p ? p.errorCount : d?.problem ? 1 : 0;
  return (
    <tr className={p?.status === 'failed' || (d?.problem && !p) ? 'row-problem' : undefined} data-testid="input-row">
      <td className="path" title={entry.path}>
        <BreakablePath path={entry.path} />
        {d?.gzip ? <span className="tag">gzip</span> : null}
        {d?.zstd ? <span className="tag">zstd</span> : null}
        <Aliases aliases={entry.aliases} />
      </td>
      <td className="format-cell" title={cell.title}>
        {cell.format ? (
          <>
            <code>{cell.format}</code>
            {cell.guess ? (
              <span className="tag guess" data-testid="format-guess">
                guess
              </span>
            ) : null}
            {cell.label ? <span className="format-label small muted">{cell.label}</span> : null}
            <ReadAsNote readAs={cell.readAs} />
          </>
        ) : (
          <span className="muted">detecting…</span>
        )}
      </td>
      <td>{cell.signal}</td>
      <td className="num">{formatBytes(entry.sizeBytes)}</td>
      <td className="progress-cell">
        {p ? (
          <>
            <div className="bar" role="progressbar" aria-label={`${entry.path} read`} aria-valuemin={0} aria-valuemax={100} aria-valuenow={Math.round(share * 100)}>
              <div className="bar-fill" style={{ width: `${(share * 100).toFixed(1)}%` }} />
            </div>
            <span className="small">
              {STATUS_LABEL[p.status]} · {formatBytes(p.bytesRead)} · {plural(p.records, 'record')}
              {p.status === 'reading' ? ` · ETA ${formatDurationMs(eta)}` : ''}
            </span>
          </>
        ) : (
          <span className="muted small">{running ? 'Queued' : d ? `confidence ${Math.round(d.confidence * 100)} %` : ''}</span>
        )}
      </td>
      <td className="errors">
        {errorCount > 0 ? (
          <ErrorList errors={errors} total={errorCount} />
        ) : (
          <span className="muted">none</span>
        )}
      </td>
      <td>
        {!running ? (
          <button
            type="button"
            className="icon"
            aria-label={`Remove ${entry.path}`}
            onClick={() => {
              removeSource(entry.id);
              update(removeInput, entry.id);
            }}
          >
            ×
          </button>
        ) : null}
      </td>
    </tr>
  );
});

/** What the partial report says while files still stream (the worker posts snapshots). */
function SoFar() {
  const report = useApp((s) => s.report);
  const partial = useApp((s) => s.reportPartial);
  if (!report || !partial) return null;
  const s = report.signals;
  const services = new Set([...s.traces.services, ...s.metrics.services, ...s.logs.services]).size;
  return (
    <section className="card so-far" aria-label="Results so far" data-testid="so-far">
      <p className="eyebrow">So far — provisional, still reading (the last snapshot: the file rows below count more recent records)</p>
      <p>
        <strong>{formatCount(s.traces.spans)}</strong> {s.traces.spans === 1 ? 'span' : 'spans'} · <strong>{formatCount(s.logs.records)}</strong> log {s.logs.records === 1 ? 'record' : 'records'} · <strong>{formatCount(s.metrics.points)}</strong> metric {s.metrics.points === 1 ? 'point' : 'points'} · <strong>{services}</strong> {services === 1 ? 'service' : 'services'}
        {report.verdict ? (
          <>
            {' '}
            · provisional verdict <span className={`pill verdict-${report.verdict}`}>{verdictLabel(report.verdict)}</span> (score {formatScore(report.score)})
          </>
        ) : null}
      </p>
      <button type="button" className="subtle" onClick={() => update(setScreen, 'dashboard')}>
        Open the provisional dashboard
      </button>
    </section>
  );
}

/** An opened saved report has no files to stream: its inputs come from the report itself. */
export function SavedInputs({ report, name }: { report: Report; name: string }) {
  const bytes = report.inputs.reduce((n, i) => n + i.bytes, 0);
  const records = report.inputs.reduce((n, i) => n + i.records, 0);
  const unknown = report.inputs.filter((i) => i.format === 'unknown').length;
  return (
    <div className="screen">
      <header className="screen-head">
        <h1>Inputs</h1>
        <div className="actions">
          <button type="button" onClick={() => update(setScreen, 'dashboard')}>
            Dashboard
          </button>
        </div>
      </header>
      <p className="summary-line" data-testid="run-summary">
        {plural(report.inputs.length, 'file')}, {formatBytes(bytes)}
        {unknown > 0 ? ` · ${unknown} not recognised` : ''} · {plural(records, 'record')} · from the saved report{name ? ` ${name}` : ''} (generated {report.generatedAt.replace('T', ' ').replace(/\.\d+Z$/, 'Z')})
      </p>
      <div className="table-wrap">
        <table className="data" aria-label="Inputs of the saved report">
          <thead>
            <tr>
              <th scope="col">File</th>
              <th scope="col">Read as</th>
              <th scope="col">Signal</th>
              <th scope="col" className="num">
                Size
              </th>
              <th scope="col" className="num">
                Records
              </th>
              <th scope="col" className="num">
                Rejected
              </th>
              <th scope="col">Errors</th>
            </tr>
          </thead>
          <tbody>
            {report.inputs.map((i, n) => (
              <tr key={`${i.path}-${n}`} className={i.format === 'unknown' ? 'row-problem' : undefined} data-testid="saved-input-row">
                <td className="path" title={i.path}>
                  <BreakablePath path={i.path} />
                  <Aliases aliases={i.aliases} />
                </td>
                <td className="format-cell">
                  <code>{labelInputFormat(i)}</code>
                  <ReadAsNote readAs={i.detection?.readAs} />
                </td>
                <td>{i.signal}</td>
                <td className="num">{formatBytes(i.bytes)}</td>
                <td className="num">{formatCount(i.records)}</td>
                <td className="num">{formatCount(i.rejected)}</td>
                <td className="errors">{i.errorCount > 0 ? <ErrorList errors={i.errors} total={i.errorCount} /> : <span className="muted">none</span>}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}

export function InputsList() {
  const inputs = useApp((s) => s.inputs);
  const run = useApp((s) => s.run);
  const hasReport = useApp((s) => s.report !== null);
  const report = useApp((s) => s.report);
  const reportName = useApp((s) => s.reportName);
  if (inputs.length === 0 && report && run.status === 'done') return <SavedInputs report={report} name={reportName} />;
  return <LiveInputs inputs={inputs} run={run} hasReport={hasReport} />;
}

function LiveInputs({ inputs, run, hasReport }: { inputs: InputEntry[]; run: RunState; hasReport: boolean }) {
  const running = run.status === 'running';
  const total = overallProgress(inputs, run.elapsedMs);
  const unreadable = inputs.filter((e) => e.detection?.problem).length;
  return (
    <div className="screen">
      <header className="screen-head">
        <h1>Inputs</h1>
        <div className="actions">
          {running ? (
            <button type="button" className="danger" onClick={cancelAnalysis} data-testid="cancel-button">
              Cancel
            </button>
          ) : (
            <>
              <button type="button" onClick={() => update(clearInputs)} disabled={inputs.length === 0}>
                Clear
              </button>
              <button type="button" className="primary" onClick={startAnalysis} disabled={inputs.length === 0} data-testid="analyze-button">
                {run.status === 'idle' ? 'Analyse' : 'Analyse again'}
              </button>
            </>
          )}
          {hasReport && !running ? (
            <button type="button" onClick={() => update(setScreen, 'dashboard')}>
              Dashboard
            </button>
          ) : null}
        </div>
      </header>
      <p className="summary-line" aria-live="polite" data-testid="run-summary">
        {plural(inputs.length, 'file')}, {formatBytes(total.totalBytes)}
        {unreadable > 0 ? ` · ${unreadable} not recognised` : ''}
        {running ? ` · read ${formatBytes(total.bytesRead)} (${Math.round((100 * total.bytesRead) / Math.max(total.totalBytes, 1))} %) · ${plural(total.records, 'record')} · ETA ${formatDurationMs(total.etaMs)}` : ''}
        {run.status === 'done' ? ` · analysed: ${plural(total.records, 'record')} in ${formatDurationMs(run.elapsedMs)}` : ''}
        {run.status === 'cancelled' ? ` · cancelled after reading ${formatBytes(total.bytesRead)} (${Math.round((100 * total.bytesRead) / Math.max(total.totalBytes, 1))} %) · ${plural(total.records, 'record')} read · no verdict` : ''}
        {run.status === 'failed' ? ` · ${run.message ?? run.status}` : ''}
      </p>
      <SoFar />
      <IncidentLabelsPicker />
      <div className="table-wrap">
        <table className="data" aria-label="Detected inputs">
          <thead>
            <tr>
              <th scope="col">File</th>
              <th scope="col">Format</th>
              <th scope="col">Signal</th>
              <th scope="col" className="num">
                Size
              </th>
              <th scope="col">Progress</th>
              <th scope="col">Errors</th>
              <th scope="col">
                <span className="visually-hidden">Remove</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {inputs.map((e) => (
              <InputRow key={e.id} entry={e} elapsedMs={e.progress?.status === 'reading' ? run.elapsedMs : 0} running={running} />
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
