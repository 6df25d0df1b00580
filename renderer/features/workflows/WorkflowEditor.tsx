import { useMemo, useState } from 'react';
import { listServiceNames } from '../../../analyzers/report/view.js';
import { platform } from '../../platform/index.js';
import { useApp, update } from '../../state/store.js';
import { pushNotice, setWorkflows } from '../../state/transitions.js';
import { verdictLabel } from '../shell/format.js';
import { DECISION_LABELS, LEVEL_NAMES, QUESTIONS, evaluateWorkflow, newWorkflow, parseWorkflows, serializeWorkflows, type Answer, type DecisionMode, type RiskClass, type WorkflowAssessment } from '../../../analyzers/workflows/model.js';

// Each example starts at the risk class the dropdown's own examples give it.
export const EXAMPLES: { name: string; risk: RiskClass }[] = [
  { name: 'Horizontal scaling', risk: 'low' },
  { name: 'Certificate rotation', risk: 'medium' },
  { name: 'Database failover', risk: 'critical' },
];

function AnswerField({ id, label, value, onChange }: { id: string; label: string; value: Answer; onChange: (a: Answer) => void }) {
  return (
    <fieldset className="answer">
      <legend>{label}</legend>
      {(['yes', 'no', 'unknown'] as const).map((a) => (
        <label key={a} className="radio">
          <input type="radio" name={id} value={a} checked={value === a} onChange={() => onChange(a)} />
          {a}
        </label>
      ))}
    </fieldset>
  );
}

function WorkflowCard({ w, services, onChange, onRemove }: { w: WorkflowAssessment; services: string[]; onChange: (w: WorkflowAssessment) => void; onRemove: () => void }) {
  const report = useApp((s) => s.report);
  const ev = evaluateWorkflow(w, report);
  const [extra, setExtra] = useState('');
  const allServices = [...new Set([...services, ...w.services])].sort();
  return (
    <article className="card workflow" aria-label={`Workflow ${w.name}`} data-testid="workflow-card">
      <header className="workflow-head">
        <label className="field grow">
          <span>Workflow</span>
          <input value={w.name} onChange={(e) => onChange({ ...w, name: e.target.value })} />
        </label>
        <label className="field">
          <span>Risk class</span>
          <select value={w.riskClass} onChange={(e) => onChange({ ...w, riskClass: e.target.value as RiskClass })}>
            <option value="low">low (e.g. restart a stateless server)</option>
            <option value="medium">medium</option>
            <option value="high">high</option>
            <option value="critical">critical (e.g. database failover)</option>
          </select>
        </label>
        <button type="button" className="icon" aria-label={`Remove workflow ${w.name}`} onClick={onRemove}>
          ×
        </button>
      </header>
      <div className="workflow-result" data-testid="workflow-level">
        <div className="level-badge" aria-label={`Level ${ev.level}`}>
          L{ev.level}
        </div>
        <div>
          <strong>{LEVEL_NAMES[ev.level]}</strong>
          {ev.levelCaveat ? <p className="small">{ev.levelCaveat}</p> : null}
          <p className="small">
            {ev.nextLevel === null ? 'Highest level.' : ev.binding ? (
              <>
                To reach L{ev.nextLevel}: <strong className="binding-word">{ev.binding}</strong> binds.
              </>
            ) : (
              `Nothing recorded here holds it back from L${ev.nextLevel}.`
            )}{' '}
            Risk ceiling without extra governance: L{ev.ceiling}.
          </p>
          {ev.reasons.length ? (
            <ul className="small reasons">
              {ev.reasons.map((r) => (
                <li key={r}>{r}</li>
              ))}
            </ul>
          ) : null}
          <p className="small">
            Data readiness of its services: {ev.readiness.verdict ? verdictLabel(ev.readiness.verdict) : w.services.length ? 'not scored' : 'no services chosen'}
            {ev.readiness.matched.length ? ` (${ev.readiness.matched.map((m) => `${m.name} ${m.score ?? 'n/a'}`).join(', ')})` : ''}
          </p>
        </div>
      </div>
      <div className="workflow-grid">
        <section>
          <h3>Automation</h3>
          {QUESTIONS.filter((q) => q.group === 'automation').map((q) => (
            <AnswerField key={q.key} id={`${w.id}-${q.key}`} label={q.text} value={w.answers[q.key]} onChange={(a) => onChange({ ...w, answers: { ...w.answers, [q.key]: a } })} />
          ))}
          <label className="field">
            <span>Is the decision to remediate automated?</span>
            <select value={w.answers.decision} onChange={(e) => onChange({ ...w, answers: { ...w.answers, decision: e.target.value as DecisionMode } })}>
              {Object.entries(DECISION_LABELS).map(([k, v]) => (
                <option key={k} value={k}>
                  {v}
                </option>
              ))}
            </select>
          </label>
        </section>
        <section>
          <h3>Supporting capabilities</h3>
          {QUESTIONS.filter((q) => q.group !== 'automation').map((q) => (
            <AnswerField key={q.key} id={`${w.id}-${q.key}`} label={q.text} value={w.answers[q.key]} onChange={(a) => onChange({ ...w, answers: { ...w.answers, [q.key]: a } })} />
          ))}
        </section>
        <section>
          <h3>Services it touches</h3>
          {allServices.length === 0 ? <p className="muted small">No services in the report yet: add names below.</p> : null}
          <ul className="checklist">
            {allServices.map((s) => (
              <li key={s}>
                <label className="check">
                  <input
                    type="checkbox"
                    checked={w.services.includes(s)}
                    onChange={(e) => onChange({ ...w, services: e.target.checked ? [...w.services, s].sort() : w.services.filter((x) => x !== s) })}
                  />
                  {s}
                </label>
              </li>
            ))}
          </ul>
          <form
            className="inline-form"
            onSubmit={(e) => {
              e.preventDefault();
              const name = extra.trim();
              if (name && !w.services.includes(name)) onChange({ ...w, services: [...w.services, name].sort() });
              setExtra('');
            }}
          >
            <label className="field grow">
              <span>Add a service by name</span>
              <input value={extra} onChange={(e) => setExtra(e.target.value)} />
            </label>
            <button type="submit">Add</button>
          </form>
          <label className="field">
            <span>Notes</span>
            <textarea rows={3} value={w.notes} onChange={(e) => onChange({ ...w, notes: e.target.value })} />
          </label>
        </section>
      </div>
    </article>
  );
}

export function WorkflowEditor() {
  const workflows = useApp((s) => s.workflows);
  const report = useApp((s) => s.report);
  const services = useMemo(() => (report ? listServiceNames(report) : []), [report]);
  const set = (list: WorkflowAssessment[]) => update(setWorkflows, list);
  const add = (name?: string, risk?: RiskClass) => set([...workflows, newWorkflow(`wf-${Date.now().toString(36)}-${workflows.length}`, name, risk)]);
  return (
    <div className="screen">
      <header className="screen-head">
        <h1>Workflow assessment</h1>
        <div className="actions">
          <button type="button" onClick={() => add()} data-testid="add-workflow">
            Add workflow
          </button>
          <label className="button">
            Load JSON…
            <input
              type="file"
              accept=".json,application/json"
              className="visually-hidden"
              onChange={(e) => {
                const f = e.currentTarget.files?.[0];
                e.currentTarget.value = '';
                if (!f) return;
                void f.text().then((t) => {
                  const { workflows: loaded, problems } = parseWorkflows(t);
                  for (const p of problems) update(pushNotice, 'error', `${f.name}: ${p}`);
                  if (loaded.length) set(loaded);
                });
              }}
            />
          </label>
          <button
            type="button"
            disabled={workflows.length === 0}
            onClick={async () => {
              const r = await platform.saveExport('workflows', 'obsready-workflows.json', serializeWorkflows(workflows));
              if (r.ok) update(pushNotice, 'info', `Saved to ${r.where}`);
            }}
          >
            Save JSON…
          </button>
        </div>
      </header>
      <p className="muted">
        Map each operational workflow to a maturity level on its own: the automation answers give the level, the supporting capabilities and the readiness of the touched services give what binds the next level. The assessment is included in every report export.
      </p>
      {workflows.length === 0 ? (
        <div className="empty">
          <p>No workflows yet. Start from an example:</p>
          <div className="actions">
            {EXAMPLES.map((ex) => (
              <button key={ex.name} type="button" onClick={() => add(ex.name, ex.risk)}>
                {ex.name}
              </button>
            ))}
          </div>
        </div>
      ) : null}
      {workflows.map((w, i) => (
        <WorkflowCard
          key={w.id}
          w={w}
          services={services}
          onChange={(nw) => set(workflows.map((x, j) => (j === i ? nw : x)))}
          onRemove={() => set(workflows.filter((_, j) => j !== i))}
        />
      ))}
    </div>
  );
}
