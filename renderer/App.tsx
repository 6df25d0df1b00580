import { useEffect, useRef } from 'react';
import { platform } from './platform/index.js';
import { useApp, update } from './state/store.js';
import { dismissNotice, overallProgress, setScreen } from './state/transitions.js';
import { cancelAnalysis, addSources } from './state/controller.js';
import type { Screen } from './state/types.js';
import { Nav } from './features/shell/Nav.js';
import { ScreenBoundary } from './features/shell/ScreenBoundary.js';
import { StartPage } from './features/start/StartPage.js';
import { InputsList } from './features/inputs/InputsList.js';
import { Dashboard } from './features/dashboard/Dashboard.js';
import { ServicesTable } from './features/services/ServicesTable.js';
import { FindingsBrowser } from './features/findings/FindingsBrowser.js';
import { DependencyGraph } from './features/graph/DependencyGraph.js';
import { Timeline } from './features/timeline/Timeline.js';
import { WorkflowEditor } from './features/workflows/WorkflowEditor.js';
import { ComparePage } from './features/compare/ComparePage.js';
import { AddFilesDialog } from './features/inputs/AddFilesDialog.js';
import { ExportBar, exportReport } from './features/export/ExportBar.js';
import { formatBytes, formatDurationMs, verdictLabel } from './features/shell/format.js';

const SCREENS: Record<Screen, () => React.JSX.Element | null> = {
  start: StartPage,
  inputs: InputsList,
  dashboard: Dashboard,
  services: ServicesTable,
  findings: FindingsBrowser,
  graph: DependencyGraph,
  timeline: Timeline,
  workflows: WorkflowEditor,
  compare: ComparePage,
};

function RunStatus() {
  const run = useApp((s) => s.run);
  const inputs = useApp((s) => s.inputs);
  const report = useApp((s) => s.report);
  const partial = useApp((s) => s.reportPartial);
  if (run.status === 'running') {
    const p = overallProgress(inputs, run.elapsedMs);
    const pct = Math.round((100 * p.bytesRead) / Math.max(p.totalBytes, 1));
    return (
      <div className="run-status" aria-live="polite">
        <div className="bar small-bar" role="progressbar" aria-label="Analysis progress" aria-valuemin={0} aria-valuemax={100} aria-valuenow={pct}>
          <div className="bar-fill" style={{ width: `${pct}%` }} />
        </div>
        <span className="small">
          {pct} % of {formatBytes(p.totalBytes)} · ETA {formatDurationMs(p.etaMs)}
        </span>
        <button type="button" className="small-button danger" onClick={cancelAnalysis}>
          Cancel
        </button>
      </div>
    );
  }
  if (report && !partial) {
    return (
      <div className="run-status">
        <span className={`pill verdict-${report.verdict ?? 'none'}`}>{verdictLabel(report.verdict)}</span>
      </div>
    );
  }
  return null;
}

function Notices() {
  const notices = useApp((s) => s.notices);
  // Information fades after a while; errors stay until dismissed.
  useEffect(() => {
    const timers = notices.filter((n) => n.kind === 'info').map((n) => setTimeout(() => update(dismissNotice, n.id), 6000));
    return () => timers.forEach(clearTimeout);
  }, [notices]);
  return (
    <div className="notices" role="status" aria-live="polite">
      {notices.map((n) => (
        <div key={n.id} className={`notice notice-${n.kind}`}>
          <span>{n.text}</span>
          <button type="button" className="icon" aria-label="Dismiss" onClick={() => update(dismissNotice, n.id)}>
            ×
          </button>
        </div>
      ))}
    </div>
  );
}

/**
 * Focus the screen's heading. It is made focusable here, before focus(): main.tsx's observer
 * does that too, but only after this effect ran, and focus() on a plain h1 does nothing (focus
 * stayed on the nav button, or fell to <body> when the analysis finished and Cancel went away).
 */
export function focusScreenHeading(main: HTMLElement | null): void {
  if (!main) return;
  const h1 = main.querySelector<HTMLElement>('h1');
  const target = h1 ?? main;
  if (!target.hasAttribute('tabindex')) target.tabIndex = -1;
  target.focus({ preventScroll: false });
}

export function App() {
  const screen = useApp((s) => s.screen);
  const theme = useApp((s) => s.theme);
  const mainRef = useRef<HTMLElement>(null);
  const Current = SCREENS[screen];

  useEffect(() => {
    document.documentElement.dataset.theme = theme;
    try {
      localStorage.setItem('obsready.theme', theme);
    } catch {
      /* storage unavailable */
    }
  }, [theme]);

  // Move focus to the new screen's heading so keyboard and screen-reader users land on it
  // (not on first load: the page starts at the top, with the skip link).
  const shownScreen = useRef(screen);
  useEffect(() => {
    if (shownScreen.current === screen) return;
    shownScreen.current = screen;
    focusScreenHeading(mainRef.current);
  }, [screen]);

  useEffect(
    () =>
      platform.onMenuCommand(async (cmd) => {
        if (cmd === 'toggle-theme') useApp.setState((s) => ({ theme: s.theme === 'dark' ? 'light' : 'dark' }));
        else if (cmd === 'show-start') update(setScreen, 'start');
        else if (cmd === 'export-json') await exportReport('json');
        else if (cmd === 'export-pdf') await exportReport('pdf');
        else if (cmd === 'open-files' || cmd === 'open-folder') {
          const res = await (cmd === 'open-files' ? platform.pickFiles?.() : platform.pickFolder?.());
          if (res?.ok) await addSources(res.inputs, res.skipped);
        }
      }),
    [],
  );

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape' && useApp.getState().run.status === 'running') cancelAnalysis();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  return (
    <div className="app">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="topbar">
        <div className="brand">
          <span className="logo" aria-hidden="true">
            ◉
          </span>{' '}
          ObsReady
        </div>
        <RunStatus />
        <ExportBar />
        <button
          type="button"
          className="small-button"
          aria-label={`Switch to ${theme === 'dark' ? 'light' : 'dark'} theme`}
          onClick={() => useApp.setState((s) => ({ theme: s.theme === 'dark' ? 'light' : 'dark' }))}
          data-testid="theme-toggle"
        >
          {theme === 'dark' ? 'Light' : 'Dark'}
        </button>
      </header>
      <Notices />
      <AddFilesDialog />
      <div className="body">
        <Nav />
        <main id="main" ref={mainRef} tabIndex={-1}>
          <ScreenBoundary screen={screen}>
            <Current />
          </ScreenBoundary>
        </main>
      </div>
    </div>
  );
}
