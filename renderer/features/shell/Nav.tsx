import { useApp, update } from '../../state/store.js';
import { setScreen } from '../../state/transitions.js';
import type { Screen } from '../../state/types.js';

const ITEMS: { screen: Screen; label: string; needsReport: boolean }[] = [
  { screen: 'start', label: 'Start', needsReport: false },
  { screen: 'inputs', label: 'Inputs', needsReport: false },
  { screen: 'dashboard', label: 'Dashboard', needsReport: true },
  { screen: 'services', label: 'Services', needsReport: true },
  { screen: 'findings', label: 'Findings', needsReport: true },
  { screen: 'graph', label: 'Dependencies', needsReport: true },
  { screen: 'timeline', label: 'Timeline', needsReport: true },
  { screen: 'workflows', label: 'Workflows', needsReport: false },
  { screen: 'compare', label: 'Compare', needsReport: false },
];

export function Nav() {
  const screen = useApp((s) => s.screen);
  const hasReport = useApp((s) => s.report !== null);
  const hasInputs = useApp((s) => s.inputs.length > 0);
  // After Cancel the dashboard says the run was cancelled (and shows no verdict).
  const cancelled = useApp((s) => s.run.status === 'cancelled');
  return (
    <nav className="nav" aria-label="Screens">
      <ul>
        {ITEMS.map((it) => {
          const disabled = (it.needsReport && !hasReport && !(it.screen === 'dashboard' && cancelled)) || (it.screen === 'inputs' && !hasInputs && !hasReport);
          return (
            <li key={it.screen}>
              <button
                type="button"
                className={screen === it.screen ? 'nav-item active' : 'nav-item'}
                aria-current={screen === it.screen ? 'page' : undefined}
                disabled={disabled}
                onClick={() => update(setScreen, it.screen)}
              >
                {it.label}
              </button>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
