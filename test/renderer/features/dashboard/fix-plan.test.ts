import { describe, expect, it } from 'vitest';
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { FixPlan } from '../../../../renderer/features/dashboard/Dashboard.js';
import { bindingExplanation, bindingPlanNote, planAction, planWhereShort } from '../../../../renderer/features/dashboard/fix-plan-text.js';
import { verdictLabel } from '../../../../renderer/features/shell/format.js';
import { makeUiReport } from '../../fixtures/ui-report.js';

const TITLE = 'Logs carry trace context';
const whole = { service: '*', action: `${TITLE} — in service *: Use the OpenTelemetry log bridge (inject \`trace_id\`/\`span_id\`).` };
const several = { service: '*', action: `${TITLE} — in services account, alice, bookie and 10 more: Use \`otel\` libraries.` };

describe('fix plan text', () => {
  it('drops the repeated title, says "all services" for *, and keeps the remediation', () => {
    expect(planAction(whole, TITLE)).toEqual({ where: 'all services', remedy: 'Use the OpenTelemetry log bridge (inject `trace_id`/`span_id`).' });
    expect(planAction(several, TITLE).where).toBe('services account, alice, bookie and 10 more');
    expect(planWhereShort(several, TITLE)).toBe('account, alice, bookie and 10 more');
    expect(planWhereShort({ service: 'checkout', action: `${TITLE} — in service checkout: x` }, TITLE)).toBe('checkout');
    expect(planWhereShort(whole, TITLE)).toBe('all services');
  });

  it('reads the engine\'s "in all services" as it reads an older report\'s "in service *"', () => {
    const current = { service: '*', action: `${TITLE} — in all services: Use the OpenTelemetry log bridge.` };
    expect(planAction(current, TITLE)).toEqual({ where: 'all services', remedy: 'Use the OpenTelemetry log bridge.' });
    expect(planWhereShort(current, TITLE)).toBe('all services');
  });

  it('labels its columns as fixes applied alone and renders the whole action with <code>, no backticks, no title repeat', () => {
    const report = makeUiReport({ fixPlan: [{ ruleId: 'C-LOG-TRACE-CONTEXT', gain: 6.3, newScore: 68.7, newVerdict: 'not-ready', ...whole }] });
    const html = renderToStaticMarkup(createElement(FixPlan, { report }));
    expect(html).toContain('Gain if fixed alone');
    expect(html).toContain('Score · verdict if fixed alone');
    expect(html).toContain('Each row is one fix applied alone');
    expect(html).toContain('<code>trace_id</code>');
    expect(html).not.toContain('`');
    expect(html).not.toContain('in service *');
    expect(html).toContain('all services');
    expect(html).not.toMatch(/title="/);
  });

  it('says in What binds where the binding rule stands in the fix plan, in the same words', () => {
    const report = makeUiReport();
    const note = bindingPlanNote(report, (id) => id, verdictLabel);
    expect(note).toBe('If fixed alone, “S-SERVICE-IDENTITY” would reach 66.5 · Ready with conditions (rank 1 of 2 in the fix plan).');
    const stuck = bindingPlanNote({ ...report, fixPlan: [{ ...report.fixPlan![0]!, newVerdict: 'not-ready' }] }, (id) => id, verdictLabel);
    expect(stuck).toMatch(/does not change the verdict/);
    expect(bindingExplanation('Critical rule X caps the verdict; fix it first (fix plan: X → not-ready).')).toBe('Critical rule X caps the verdict; fix it first.');
  });
});
