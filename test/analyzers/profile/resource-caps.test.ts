// A service's resource facts past their caps — the service.instance.id → pods map (INSTANCE_CAP ids,
// PODS_PER_INSTANCE pods each), the deployment environments and the runtimes (RUNTIME_CAP each) —
// are the same whatever the thread split or the order of the records: the instance ids of lowest
// (hash, id) (bottom-k.ts) and the first pods, environments and runtimes in sorted order. They were
// the first to arrive, each thread's own: a 23 MB OTLP log file of 3,000 services judged N-LOG-DEBUG
// on a different set of services on 1 and 2 threads (the environments kept decide whether a
// service is a production one), and RES-002 named another shared instance id.
// The test feeds one set of records to one profile in order, and split into 2..5 shuffled parts to
// as many profiles merged in a shuffled order; the expected kept values are computed here
// independently (sorted by (hash32, id) or by value, first N), each kept id's pods from the generator.
import { describe, expect, it } from 'vitest';
import { INSTANCE_CAP, PODS_PER_INSTANCE, RUNTIME_CAP, ResourceProfile, type ResourceProfileState } from '../../../analyzers/profile/resource-profile.js';
import { hash32 } from '../../../analyzers/profile/hash.js';
import { resourceFromAttributes, type LogRecord } from '../../../analyzers/model/index.js';
import { mulberry32, shuffle } from '../../helpers/prng.js';

const ENVS = Array.from({ length: 14 }, (_, i) => `env-${String.fromCharCode(122 - i)}`);
const RUNTIMES = Array.from({ length: 12 }, (_, i) => `rt${i}`);

/** One log record per resource: 3 × INSTANCE_CAP instance ids, some with up to 7 pods, 14 environments, 12 runtimes. */
function records(): { list: LogRecord[]; pods: Map<string, Set<string>> } {
  const rnd = mulberry32(7);
  const list: LogRecord[] = [];
  const pods = new Map<string, Set<string>>();
  for (let i = 0; i < 3 * INSTANCE_CAP * 2; i++) {
    const n = Math.floor(rnd() * 3 * INSTANCE_CAP);
    const id = `inst-${n}`;
    const pod = `pod-0-${n}`;
    if (!pods.has(id)) pods.set(id, new Set());
    pods.get(id)!.add(pod);
    const r = resourceFromAttributes({
      'service.name': 'checkout',
      'service.instance.id': id,
      'k8s.pod.name': pod,
      'deployment.environment.name': ENVS[Math.floor(rnd() * ENVS.length)]!,
      'telemetry.sdk.language': RUNTIMES[Math.floor(rnd() * RUNTIMES.length)]!,
    });
    list.push({ kind: 'log', body: 'ok', attributes: {}, resource: r, structured: true, source: { file: 'l.jsonl', line: i + 1 } } as LogRecord);
  }
  // (every 40th id on 8 resources, pods 0..7: past PODS_PER_INSTANCE)
  for (let n = 0; n < 3 * INSTANCE_CAP; n += 40) {
    for (let k = 0; k < 8; k++) {
      const id = `inst-${n}`;
      const pod = `pod-${7 - k}-${n}`;
      pods.get(id)?.add(pod) ?? pods.set(id, new Set([pod]));
      const r = resourceFromAttributes({ 'service.name': 'checkout', 'service.instance.id': id, 'k8s.pod.name': pod, 'deployment.environment.name': ENVS[k]! });
      list.push({ kind: 'log', body: 'ok', attributes: {}, resource: r, structured: true, source: { file: 'l.jsonl', line: list.length + 1 } } as LogRecord);
    }
  }
  return { list, pods };
}

function fed(list: LogRecord[]): ResourceProfile {
  const p = new ResourceProfile();
  for (const r of list) p.add(r);
  return p;
}

const capped = (s: ResourceProfileState) => ({ instancePods: s.instancePods, environments: s.environments, runtimes: s.runtimes, checks: s.checks });

describe('resource facts past their caps: the same for any split', () => {
  const { list, pods } = records();
  const one = fed(list).state();

  it('keeps the instance ids of lowest hash with their first pods in sorted order, and the first environments and runtimes in sorted order', () => {
    const ids = [...pods.keys()].sort((a, b) => hash32(a) - hash32(b) || (a < b ? -1 : 1)).slice(0, INSTANCE_CAP);
    expect(Object.keys(one.instancePods).sort()).toEqual([...ids].sort());
    for (const id of ids) expect(one.instancePods[id]).toEqual([...pods.get(id)!].sort().slice(0, PODS_PER_INSTANCE));
    // (some kept id has more pods than are listed: the pods cap is crossed)
    expect(ids.some((id) => pods.get(id)!.size > PODS_PER_INSTANCE)).toBe(true);
    expect(one.environments).toEqual([...ENVS].sort().slice(0, RUNTIME_CAP));
    expect(one.runtimes).toEqual(RUNTIMES.map((r) => `${r}|||`).sort().slice(0, RUNTIME_CAP));
  });

  it('split into 2..5 shuffled parts and merged in any order, the state of one pass', () => {
    const rnd = mulberry32(11);
    for (let parts = 2; parts <= 5; parts++) {
      const shuffled = shuffle(list, rnd);
      const states = Array.from({ length: parts }, (_, k) => fed(shuffled.filter((_, i) => i % parts === k)).state());
      const merged = new ResourceProfile();
      for (const s of shuffle(states, rnd)) merged.merge(s);
      expect(capped(merged.state())).toEqual(capped(one));
    }
  });
});
