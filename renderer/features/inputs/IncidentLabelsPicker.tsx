// "Incident labels (optional)": a file of known incidents (start time and true root-cause
// service each) that the run replays root-cause ranking on, so the report gets its RCA section
// and the timeline its incidents. Any file name is accepted: the core parser reads the content
// (CSV with a header, JSON array/object, JSON Lines) and its problems are shown here.
import { useId } from 'react';
import { useApp } from '../../state/store.js';
import { clearIncidentLabels, loadIncidentLabels } from '../../state/controller.js';
import { formatBytes, formatCount } from '../shell/format.js';

const SHOWN_ISSUES = 8;

export function IncidentLabelsPicker() {
  const labels = useApp((s) => s.incidentLabels);
  const run = useApp((s) => s.run);
  const hasInputs = useApp((s) => s.inputs.length > 0);
  const titleId = useId();
  const running = run.status === 'running';
  const usable = labels?.incidents.length ?? 0;
  // The finished report replays the labels the run started with; say when the picked ones differ.
  const ranBefore = run.status === 'done' || run.status === 'cancelled' || run.status === 'failed';
  const applied = usable > 0 && run.incidentLabelsName === labels?.name;
  const stale = ranBefore && hasInputs && (usable > 0 ? !applied : run.incidentLabelsName !== undefined);
  return (
    <section className="card incident-labels" aria-labelledby={titleId} data-testid="incident-labels">
      <div className="incident-labels-head">
        <h2 id={titleId}>Incident labels (optional)</h2>
        <div className="actions">
          <label className={running ? 'button disabled' : 'button'}>
            {labels ? 'Replace…' : 'Pick an incidents file…'}
            <input
              type="file"
              className="visually-hidden"
              data-testid="incidents-input"
              disabled={running}
              onChange={(e) => {
                const f = e.currentTarget.files?.[0];
                e.currentTarget.value = '';
                if (f) void loadIncidentLabels(f, f.name);
              }}
            />
          </label>
          {labels ? (
            <button type="button" onClick={clearIncidentLabels} disabled={running} aria-label={`Remove incident labels ${labels.name}`}>
              Remove
            </button>
          ) : null}
        </div>
      </div>
      {!labels ? (
        <p className="muted small">
          Known incidents (CSV or JSON: a start time and the true root-cause service per row; id, end and fault optional). The analysis then ranks candidate root causes for each incident without looking at the
          label and reports how often it was right.
        </p>
      ) : (
        <>
          <p data-testid="incident-labels-status" className={usable === 0 ? 'incident-labels-bad' : undefined} role={usable === 0 ? 'alert' : undefined}>
            <code>{labels.name}</code> ({formatBytes(labels.sizeBytes)}):{' '}
            {usable > 0 ? (
              <>
                <strong>{formatCount(usable)}</strong> {usable === 1 ? 'incident' : 'incidents'} ({describeServices(labels.incidents.map((i) => i.service))})
                {labels.issues.length > 0 ? `, ${formatCount(labels.issues.length)} ${labels.issues.length === 1 ? 'problem' : 'problems'}` : ''}
              </>
            ) : (
              <>no usable incident: this file will not be used</>
            )}
            {running ? null : stale ? <span className="muted"> · analyse again to apply</span> : applied && ranBefore ? <span className="muted"> · used in the last analysis</span> : null}
          </p>
          {labels.issues.length > 0 ? (
            <details open={usable === 0}>
              <summary>
                {formatCount(labels.issues.length)} {labels.issues.length === 1 ? 'problem' : 'problems'} reading the file
              </summary>
              <ul className="small" data-testid="incident-labels-issues">
                {labels.issues.slice(0, SHOWN_ISSUES).map((i, k) => (
                  <li key={k}>
                    <code>{i.code}</code> {i.message}
                  </li>
                ))}
                {labels.issues.length > SHOWN_ISSUES ? <li className="muted">… {formatCount(labels.issues.length - SHOWN_ISSUES)} more</li> : null}
              </ul>
            </details>
          ) : null}
        </>
      )}
    </section>
  );
}

/** "ts-contacts-service" / "3 services: a, b, c" / "12 services: a, b, c, …". */
function describeServices(services: string[]): string {
  const distinct = [...new Set(services)].sort();
  if (distinct.length === 1) return distinct[0]!;
  const head = distinct.slice(0, 3).join(', ');
  return `${distinct.length} services: ${head}${distinct.length > 3 ? ', …' : ''}`;
}
