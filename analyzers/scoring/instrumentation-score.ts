// The Instrumentation Score view (instrumentation-score/spec): the specification's rules only,
// per service, never mixed with ObsReady's own rules. Rules that do not apply (no logs, no k8s,
// no histograms) are left out of Tᵢ and "k of n evaluated" is shown.
//
// Interpretations where the spec leaves room (stated in each rule's detail and docs/scoring.md):
// RES-005 also fails `unknown_service*` (SCORING.md §1); SPA-003 has no fixed criteria yet and is
// judged as ≤ 200 distinct span names; MET-001 divides distinct values by the hours the metric
// spans (at least 1); LOG-001 cannot see 14 days in an export and fails on any DEBUG record from a
// production environment; SDK-001 is evaluated only when the runtime name and version are present.
import { DistinctSketch } from '../profile/sketch.js';
import { metricFamilies } from '../profile/metric-profile.js';
import { MAX_INTERNAL_PER_TRACE, MAX_SHORT_PER_TRACE, traceSampleNote } from '../profile/trace-store.js';
import type { ServiceView } from './context.js';
import { isUcum, unitInName } from './metric-naming.js';
import { SEMCONV_ATTRIBUTE_KEYS } from './semconv-attributes.js';
import type { ScoringContext } from './rule.js';
import { round1, weightedScore } from './weighted-score.js';
import type { Impact, InstrumentationScoreView, IsBand } from './types.js';

export interface IsRule {
  id: string;
  impact: Impact;
  description: string;
  /** null = not applicable to this service. */
  evaluate(svc: ServiceView): { passed: boolean; detail: string } | null;
}

const check = (c: { examined: number; failing: number } | undefined, what: string): { passed: boolean; detail: string } | null =>
  !c || c.examined === 0 ? null : { passed: c.failing === 0, detail: c.failing === 0 ? `all ${c.examined} records ok` : `${c.failing} of ${c.examined} records ${what}` };

// Minimum runtime versions supported by current OpenTelemetry SDKs (SDK-001).
const MIN_RUNTIME: Record<string, number[]> = { nodejs: [18], node: [18], python: [3, 9], go: [1, 22], java: [8], dotnet: [8], ruby: [3, 1], php: [8, 1] };

function versionAtLeast(v: string, min: number[]): boolean | null {
  const parts = v.replace(/^v/, '').split(/[.\-+ ]/).map((x) => Number(x));
  if (parts.length === 0 || Number.isNaN(parts[0]!)) return null;
  for (let i = 0; i < min.length; i++) {
    const p = parts[i] ?? 0;
    if (Number.isNaN(p)) return null;
    if (p > min[i]!) return true;
    if (p < min[i]!) return false;
  }
  return true;
}

export const IS_RULES: IsRule[] = [
  { id: 'RES-001', impact: 'normal', description: '`service.instance.id` is present', evaluate: (s) => check(s.state.resource.checks['res.instance-id'], 'lack service.instance.id') },
  {
    id: 'RES-002', impact: 'important', description: '`service.instance.id` is unique across resources (pods) of the service',
    evaluate: (s) => {
      const ip = s.state.resource.instancePods;
      const ids = Object.keys(ip);
      if (ids.length === 0) return null;
      const dup = ids.filter((k) => ip[k]!.length > 1);
      return { passed: dup.length === 0, detail: dup.length ? `service.instance.id ${dup[0]} is shared by pods ${ip[dup[0]!]!.join(', ')}` : `${ids.length} instance ids, each on one pod` };
    },
  },
  { id: 'RES-003', impact: 'important', description: '`k8s.pod.uid` on pod resources', evaluate: (s) => check(s.state.resource.checks['res.k8s-pod-uid'], 'from pods lack k8s.pod.uid') },
  { id: 'RES-004', impact: 'important', description: 'semantic-convention keys at the right OTLP level', evaluate: (s) => check(s.state.resource.checks['res.semconv-level'], 'have a semantic-convention key at the wrong level') },
  {
    id: 'RES-005', impact: 'critical', description: '`service.name` present and not `unknown_service*`',
    evaluate: (s) => check(s.state.resource.checks['res.service-identity'], 'lack a usable service.name'),
  },
  { id: 'RES-006', impact: 'normal', description: '`service.criticality` uses a valid value', evaluate: (s) => check(s.state.resource.checks['res.criticality'], 'have an invalid service.criticality') },
  { id: 'RES-007', impact: 'important', description: '`deployment.environment.name` present', evaluate: (s) => check(s.state.resource.checks['res.environment'], 'lack deployment.environment.name') },
  { id: 'RES-010', impact: 'critical', description: 'no sensitive data in resource attributes', evaluate: (s) => check(s.state.resource.checks['res.sensitive'], 'carry sensitive data in the resource') },
  { id: 'SPA-006', impact: 'critical', description: 'no sensitive data in span attributes', evaluate: (s) => check(s.state.spans?.checks['span.sensitive'], 'carry sensitive data in span attributes') },
  { id: 'LOG-003', impact: 'critical', description: 'no sensitive data in log records', evaluate: (s) => check(s.state.logs?.checks['log.sensitive'], 'carry sensitive data') },
  { id: 'MET-008', impact: 'critical', description: 'no sensitive data in metric attributes', evaluate: (s) => check(s.state.metrics?.checks['metric.sensitive'], 'carry sensitive data in labels') },
  {
    id: 'SPA-001', impact: 'normal', description: `≤ ${MAX_INTERNAL_PER_TRACE} INTERNAL spans per trace per service`,
    evaluate: (s) => (!s.trace || s.trace.traces === 0 ? null : { passed: s.trace.internalExplosions === 0, detail: `${s.trace.internalExplosions} of ${s.trace.traces} traces exceed (max ${s.trace.maxInternalPerTrace})${traceSampleNote(s.trace)}` }),
  },
  {
    id: 'SPA-002', impact: 'normal', description: 'no orphan spans',
    evaluate: (s) => (!s.trace || s.trace.traces === 0 ? null : { passed: s.trace.orphans === 0, detail: `${s.trace.orphans} of ${s.trace.withParent} spans with a parent id are orphans${traceSampleNote(s.trace)}` }),
  },
  {
    id: 'SPA-003', impact: 'important', description: 'bounded span-name cardinality (spec criteria open; ObsReady: ≤ 200 distinct names)',
    evaluate: (s) => {
      const sp = s.state.spans;
      if (!sp || sp.spans === 0) return null;
      const n = DistinctSketch.from(sp.names, 512).count();
      return { passed: n <= 200, detail: `${n} distinct span names` };
    },
  },
  {
    id: 'SPA-004', impact: 'important', description: 'root span is not CLIENT',
    evaluate: (s) => (!s.trace || s.trace.roots === 0 ? null : { passed: s.trace.clientRoots === 0, detail: `${s.trace.clientRoots} of ${s.trace.roots} root spans are CLIENT${traceSampleNote(s.trace)}` }),
  },
  {
    id: 'SPA-005', impact: 'important', description: `≤ ${MAX_SHORT_PER_TRACE} spans shorter than 5 ms per trace`,
    evaluate: (s) => (!s.trace || s.trace.traces === 0 ? null : { passed: s.trace.traceShortExplosions === 0, detail: `${s.trace.traceShortExplosions} of ${s.trace.traces} traces have more than ${MAX_SHORT_PER_TRACE} sub-5 ms spans${traceSampleNote(s.trace)}` }),
  },
  {
    id: 'MET-001', impact: 'important', description: '< 10,000 values per attribute per metric per hour',
    evaluate: (s) => {
      const m = s.state.metrics;
      if (!m || Object.keys(m.names).length === 0) return null;
      let worst = 0;
      let where = '';
      for (const name of Object.keys(m.names)) {
        const st = m.names[name]!;
        const hours = st.firstNs !== undefined && st.lastNs !== undefined ? Math.max(1, Number(BigInt(st.lastNs) - BigInt(st.firstNs)) / 3.6e12) : 1;
        for (const k of Object.keys(st.labels)) {
          const perHour = DistinctSketch.from(st.labels[k]!).count() / hours;
          if (perHour > worst) {
            worst = perHour;
            where = `${name}/${k}`;
          }
        }
      }
      return { passed: worst < 10_000, detail: where ? `largest: ${where} with ${Math.round(worst)} values per hour` : 'no attributes' };
    },
  },
  {
    id: 'MET-002', impact: 'important', description: 'non-default UCUM unit on every metric',
    evaluate: (s) => {
      const m = s.state.metrics;
      const fams = m ? metricFamilies(m) : [];
      if (fams.length === 0) return null;
      const bad = fams.filter((f) => f.units.some((u) => u === '' || !isUcum(u)));
      return { passed: bad.length === 0, detail: bad.length ? `${bad.length} of ${fams.length} metrics lack a UCUM unit (e.g. ${bad[0]!.name})` : 'all metrics have a UCUM unit' };
    },
  },
  {
    id: 'MET-003', impact: 'important', description: 'one unit per metric name',
    evaluate: (s) => {
      const m = s.state.metrics;
      const fams = m ? metricFamilies(m) : [];
      if (fams.length === 0) return null;
      const bad = fams.filter((f) => f.units.length > 1);
      return { passed: bad.length === 0, detail: bad.length ? `${bad[0]!.name} has units ${bad[0]!.units.map((u) => JSON.stringify(u)).join(', ')}` : 'one unit per name' };
    },
  },
  {
    id: 'MET-004', impact: 'normal', description: 'same histogram bounds per metric name',
    evaluate: (s) => {
      const m = s.state.metrics;
      const hist = m ? metricFamilies(m).filter((f) => f.bounds.length > 0) : [];
      if (hist.length === 0) return null;
      const bad = hist.filter((f) => f.bounds.length > 1);
      return { passed: bad.length === 0, detail: bad.length ? `${bad[0]!.name} uses ${bad[0]!.bounds.length} bucket layouts` : `${hist.length} histograms, one layout each` };
    },
  },
  {
    id: 'MET-005', impact: 'normal', description: 'unit not in the metric name',
    evaluate: (s) => {
      const m = s.state.metrics;
      const fams = m ? metricFamilies(m) : [];
      if (fams.length === 0) return null;
      const bad = fams.filter((f) => unitInName(f.name, f.units[0]) !== undefined).map((f) => f.name);
      return { passed: bad.length === 0, detail: bad.length ? `${bad.length} names contain a unit (e.g. ${bad[0]})` : 'no unit in names' };
    },
  },
  {
    id: 'MET-006', impact: 'important', description: 'metric name is not a semantic-convention attribute key',
    evaluate: (s) => {
      const m = s.state.metrics;
      const fams = m ? metricFamilies(m) : [];
      if (fams.length === 0) return null;
      const bad = fams.map((f) => f.name).filter((n) => SEMCONV_ATTRIBUTE_KEYS.has(n));
      return { passed: bad.length === 0, detail: bad.length ? `metric ${bad[0]} is named like an attribute` : 'no metric named like an attribute' };
    },
  },
  {
    id: 'LOG-001', impact: 'important', description: 'no DEBUG logs in production (any DEBUG record from a production environment fails: an export cannot show 14 days)',
    evaluate: (s) => check(s.state.logs?.checks['log.debug-production'], 'are DEBUG in production'),
  },
  { id: 'LOG-002', impact: 'important', description: '`severityNumber` is set', evaluate: (s) => check(s.state.logs?.checks['log.severity-number'], 'lack severityNumber') },
  {
    id: 'SDK-001', impact: 'low', description: 'supported language runtime',
    evaluate: (s) => {
      const rts = s.state.resource.runtimes.map((r) => r.split('|')).filter((r) => r[2] !== '');
      if (rts.length === 0) return null;
      for (const [lang, name, version] of rts) {
        const key = (name || lang || '').toLowerCase();
        const min = MIN_RUNTIME[key] ?? MIN_RUNTIME[(lang ?? '').toLowerCase()];
        if (!min) return null;
        const ok = versionAtLeast(version!, min);
        if (ok === null) return null;
        if (!ok) return { passed: false, detail: `${key} ${version} is older than ${min.join('.')}` };
      }
      return { passed: true, detail: rts.map((r) => `${r[1] || r[0]} ${r[2]}`).join(', ') };
    },
  },
];

export function bandOf(score: number | null): IsBand | null {
  if (score === null) return null;
  const s = Math.round(score);
  return s >= 90 ? 'Excellent' : s >= 75 ? 'Good' : s >= 50 ? 'Needs Improvement' : 'Poor';
}

export function computeInstrumentationScore(ctx: ScoringContext): InstrumentationScoreView {
  const all: { impact: Impact; passed: boolean }[] = [];
  const evaluatedIds = new Set<string>();
  const perService = ctx.services.map((svc) => {
    const rules = IS_RULES.map((r) => {
      const res = r.evaluate(svc);
      if (res) {
        all.push({ impact: r.impact, passed: res.passed });
        evaluatedIds.add(r.id);
      }
      return { id: r.id, impact: r.impact, passed: res ? res.passed : null, detail: res ? res.detail : 'not applicable to this data' };
    });
    const tallies = rules.filter((r) => r.passed !== null).map((r) => ({ impact: r.impact, passed: r.passed! }));
    const score = weightedScore(tallies);
    return { service: svc.name, score: score === null ? null : round1(score), band: bandOf(score), evaluated: tallies.length, total: IS_RULES.length, rules };
  });
  const score = weightedScore(all);
  return {
    score: score === null ? null : round1(score),
    band: bandOf(score),
    evaluated: evaluatedIds.size,
    total: IS_RULES.length,
    note: `Instrumentation Score spec rules only (never mixed with ObsReady rules); ${evaluatedIds.size} of ${IS_RULES.length} spec rules could be evaluated on this data, so the score may be incomplete. Overall = the formula over every service × rule evaluation. SPA-003 criteria are not fixed by the spec (ObsReady: ≤ 200 names); LOG-001 cannot observe 14 days in an export.`,
    perService,
  };
}
