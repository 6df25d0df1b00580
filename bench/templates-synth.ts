// Generates realistic mixed raw log lines for throughput and memory benchmarks: several header
// shapes (syslog, log4j, ISO with level, logcat, bracketed Apache-style), ~`templateCount` message
// templates made of words and variable slots (numbers, IPs, hex ids, paths, durations, user names,
// key=value pairs, UUIDs), picked with a skewed (Zipf-like) frequency as in real logs.
// Pure and deterministic: the same seed gives the same lines.

export function makeRng(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => {
    // xorshift32
    s ^= s << 13;
    s >>>= 0;
    s ^= s >>> 17;
    s ^= s << 5;
    s >>>= 0;
    return s / 4294967296;
  };
}

const WORDS = (
  'connection request session user worker task job block file cache server client node disk memory queue message ' +
  'packet thread lock timer service handler channel socket stream buffer index table record batch shard replica ' +
  'leader follower heartbeat checkpoint snapshot commit rollback transaction query response upload download ' +
  'started stopped failed completed received sent opened closed created deleted updated registered removed ' +
  'accepted rejected retrying waiting timeout expired invalid unknown ready loaded saved flushed dropped ' +
  'for from to with on in at of by after before during while the a an is was has no new old'
).split(' ');

const SLOTS = ['num', 'ip', 'hex', 'path', 'dur', 'user', 'kv', 'uuid', 'size', 'host'] as const;
type Slot = (typeof SLOTS)[number];

interface SynthTemplate {
  parts: (string | Slot)[];
}

function pick<T>(rng: () => number, xs: readonly T[]): T {
  return xs[Math.floor(rng() * xs.length)]!;
}

/** Spells a number with letters (so that it is not masked as a variable): 0 → a, 27 → bb. */
function letterCode(i: number): string {
  let s = '';
  do {
    s += String.fromCharCode(97 + (i % 26));
    i = Math.floor(i / 26);
  } while (i > 0);
  return s;
}

function makeTemplates(count: number, rng: () => number): SynthTemplate[] {
  const out: SynthTemplate[] = [];
  for (let i = 0; i < count; i++) {
    const len = 4 + Math.floor(rng() * 10);
    const parts: (string | Slot)[] = [];
    // A distinctive lead word pair keeps templates apart, like real event names.
    parts.push(pick(rng, WORDS) + letterCode(i));
    for (let k = 1; k < len; k++) parts.push(rng() < 0.3 ? pick(rng, SLOTS) : pick(rng, WORDS));
    parts.push(`op${letterCode(i * 7)}`);
    out.push({ parts });
  }
  return out;
}

const USERS = ['root', 'admin', 'oracle', 'test', 'guest', 'deploy', 'www', 'backup', 'git', 'nagios'];

function fill(slot: Slot, rng: () => number): string {
  switch (slot) {
    case 'num':
      return String(Math.floor(rng() * 100000));
    case 'ip':
      return `10.${Math.floor(rng() * 256)}.${Math.floor(rng() * 256)}.${Math.floor(rng() * 256)}:${1024 + Math.floor(rng() * 60000)}`;
    case 'hex':
      return `0x${Math.floor(rng() * 0xffffffff).toString(16)}`;
    case 'path':
      return `/var/lib/app/data${Math.floor(rng() * 50)}/part-${Math.floor(rng() * 1000)}.bin`;
    case 'dur':
      return `${(rng() * 1000).toFixed(2)}ms`;
    case 'user':
      return pick(rng, USERS);
    case 'kv':
      return `id=${Math.floor(rng() * 1e6)},`;
    case 'uuid': {
      const h = (): string => Math.floor(rng() * 0xffff).toString(16).padStart(4, '0');
      return `${h()}${h()}-${h()}-${h()}-${h()}-${h()}${h()}${h()}`;
    }
    case 'size':
      return `${Math.floor(rng() * 4096)}KB`;
    case 'host':
      return `node-${Math.floor(rng() * 300)}.cluster.local`;
  }
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const LEVELS = ['INFO', 'INFO', 'INFO', 'WARN', 'ERROR', 'DEBUG'];

function two(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

function header(shape: number, t: number, rng: () => number): string {
  const s = Math.floor(t / 1000);
  const hh = two(Math.floor(s / 3600) % 24);
  const mm = two(Math.floor(s / 60) % 60);
  const ss = two(s % 60);
  const ms = String(t % 1000).padStart(3, '0');
  const level = pick(rng, LEVELS);
  switch (shape) {
    case 0:
      return `${MONTHS[Math.floor(s / 86400) % 12]} ${1 + (Math.floor(s / 86400) % 28)} ${hh}:${mm}:${ss} host${Math.floor(rng() * 9)} app[${1000 + Math.floor(rng() * 9000)}]:`;
    case 1:
      return `2024-03-${two(1 + (Math.floor(s / 86400) % 28))} ${hh}:${mm}:${ss},${ms} ${level} [worker-${Math.floor(rng() * 8)}] org.example.service.Handler:`;
    case 2:
      return `2024-03-${two(1 + (Math.floor(s / 86400) % 28))}T${hh}:${mm}:${ss}.${ms}Z ${level} api.gateway.Router`;
    case 3:
      return `03-${two(1 + (Math.floor(s / 86400) % 28))} ${hh}:${mm}:${ss}.${ms}  ${1000 + Math.floor(rng() * 900)}  ${2000 + Math.floor(rng() * 900)} ${level[0]} ActivityManager:`;
    default:
      return `[Sun Mar 03 ${hh}:${mm}:${ss} 2024] [${level.toLowerCase()}]`;
  }
}

/** `n` raw lines over `templateCount` templates (default 1,000). */
export function* iterateMixedLogLines(n: number, seed: number, templateCount = 1000): Generator<string> {
  const rng = makeRng(seed);
  const templates = makeTemplates(templateCount, rng);
  // Zipf-like: template k is picked with weight 1/(k+1).
  const cdf: number[] = [];
  let acc = 0;
  for (let k = 0; k < templates.length; k++) {
    acc += 1 / (k + 1);
    cdf.push(acc);
  }
  let t = 1_700_000_000_000 % 86_400_000;
  for (let i = 0; i < n; i++) {
    const r = rng() * acc;
    let lo = 0;
    let hi = cdf.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cdf[mid]! < r) lo = mid + 1;
      else hi = mid;
    }
    const tpl = templates[lo]!;
    t += Math.floor(rng() * 50);
    // The source (header shape) follows the template, as each service logs its own events.
    const shape = lo % 5;
    let line = header(shape, t, rng);
    for (const p of tpl.parts) line += ' ' + ((SLOTS as readonly string[]).includes(p) ? fill(p as Slot, rng) : p);
    yield line;
  }
}

export function generateMixedLogLines(n: number, seed: number, templateCount = 1000): string[] {
  return [...iterateMixedLogLines(n, seed, templateCount)];
}
