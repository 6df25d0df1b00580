import { useEffect, useRef, useState, type DragEvent } from 'react';
import { platform, type RecentAnalysis } from '../../platform/index.js';
import { addSources, openReportText } from '../../state/controller.js';
import { update } from '../../state/store.js';
import { pushNotice } from '../../state/transitions.js';
import { fileSource } from '../../platform/files.js';
import { generateDemoFiles } from './demo-data.js';
import { IncidentLabelsPicker } from '../inputs/IncidentLabelsPicker.js';
import { formatLocalTime, formatScore, plural, verdictLabel } from '../shell/format.js';
import type { Verdict } from '../../../analyzers/report/model.js';

export function StartPage() {
  const [dragging, setDragging] = useState(false);
  const [recent, setRecent] = useState<RecentAnalysis[]>([]);
  const reportInput = useRef<HTMLInputElement>(null);

  useEffect(() => {
    void platform.listRecent().then(setRecent);
  }, []);

  const onDrop = async (e: DragEvent) => {
    e.preventDefault();
    setDragging(false);
    const sources = await platform.fromDrop(e.dataTransfer);
    if (sources.length === 0) update(pushNotice, 'info', 'Nothing to analyse in what was dropped.');
    else await addSources(sources);
  };

  const pickNative = async (folder: boolean) => {
    const res = await (folder ? platform.pickFolder?.() : platform.pickFiles?.());
    if (res?.ok) await addSources(res.inputs, res.skipped);
  };

  const tryDemo = () => void addSources(generateDemoFiles().map((f) => fileSource(f, `demo-shop/${f.name}`)));

  return (
    <div className="start">
      <section className="hero">
        <h1>Is your telemetry ready for a Level-3 decision engine?</h1>
        <p className="lede">
          Load trace, metric and log exports. ObsReady reads them offline, scores how structured and how noisy they are and how well symptoms can be walked back to causes, and names what binds.
        </p>
      </section>
      <div
        className={dragging ? 'dropzone dragging' : 'dropzone'}
        onDragOver={(e) => {
          e.preventDefault();
          setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={(e) => void onDrop(e)}
        data-testid="dropzone"
      >
        <p className="drop-title">Drop files or folders here</p>
        <p className="muted">OTLP JSON, Jaeger, Zipkin, AWS X-Ray, Prometheus/OpenMetrics and query API JSON (also Graphite, CloudWatch, Datadog, InfluxDB, OpenTSDB), CSV, JSON Lines, JSON log exports (arrays, CloudWatch, Loki, Elasticsearch, Kubernetes events), logfmt and plain-text logs; .gz and .zst files, .tar, .tar.gz and .zip archives — detected by content.</p>
        <div className="actions">
          {platform.pickFiles ? (
            <>
              <button type="button" className="primary" onClick={() => void pickNative(false)}>
                Pick files…
              </button>
              <button type="button" onClick={() => void pickNative(true)}>
                Pick a folder…
              </button>
            </>
          ) : (
            <>
              <label className="button primary">
                Pick files…
                <input
                  type="file"
                  multiple
                  className="visually-hidden"
                  data-testid="file-input"
                  onChange={(e) => {
                    const files = Array.from(e.currentTarget.files ?? []);
                    e.currentTarget.value = '';
                    void addSources(platform.fromFileList(files));
                  }}
                />
              </label>
              <label className="button">
                Pick a folder…
                <input
                  type="file"
                  multiple
                  className="visually-hidden"
                  data-testid="folder-input"
                  {...({ webkitdirectory: '' } as Record<string, string>)}
                  onChange={(e) => {
                    const files = Array.from(e.currentTarget.files ?? []);
                    e.currentTarget.value = '';
                    void addSources(platform.fromFileList(files));
                  }}
                />
              </label>
            </>
          )}
          <button type="button" onClick={tryDemo} data-testid="demo-button">
            Try the demo data
          </button>
          <label className="button subtle">
            Open a saved report…
            <input
              ref={reportInput}
              type="file"
              accept=".json,application/json"
              className="visually-hidden"
              data-testid="report-input"
              onChange={(e) => {
                const f = e.currentTarget.files?.[0];
                e.currentTarget.value = '';
                if (f) void f.text().then((t) => openReportText(t, f.name));
              }}
            />
          </label>
        </div>
      </div>
      <IncidentLabelsPicker />
      <section className="recent" aria-labelledby="recent-title">
        <h2 id="recent-title">Recent analyses</h2>
        {recent.length === 0 ? (
          <p className="muted">None yet: finished analyses are kept on this computer.</p>
        ) : (
          <ul className="recent-list">
            {recent.map((r) => (
              <li key={r.id}>
                <button
                  type="button"
                  className="link"
                  onClick={async () => {
                    const text = await platform.openRecent(r.id);
                    if (text) openReportText(text, r.title);
                    else update(pushNotice, 'error', `${r.title}: the saved report is gone.`);
                  }}
                >
                  {r.title}
                </button>
                <span className={`pill verdict-${r.verdict ?? 'none'}`}>{verdictLabel(r.verdict as Verdict | null)}</span>
                <span className="muted">
                  score {formatScore(r.score)} · {plural(r.inputCount, 'input')} · <time dateTime={r.savedAt}>{formatLocalTime(r.savedAt)}</time>
                </span>
                <button
                  type="button"
                  className="icon"
                  aria-label={`Forget ${r.title}`}
                  onClick={async () => {
                    await platform.removeRecent(r.id);
                    setRecent(await platform.listRecent());
                  }}
                >
                  ×
                </button>
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
