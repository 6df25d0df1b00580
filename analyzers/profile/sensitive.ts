// Sensitive data detection for the Instrumentation Score rules RES-010 / SPA-006 / LOG-003 /
// MET-008 (e-mail addresses, Luhn-valid card numbers, SSNs, bearer tokens, cloud keys,
// `password=`-style pairs, sensitive keys with non-empty values) and masking for excerpts.

// Tried only where a run of local-part characters begins: the same matches as without the
// look-behind (a match inside a run extends to its start), in linear time; without it a long run
// with no '@' (a 40 KB token, a base64 blob) was tried from each of its characters: quadratic,
// 10 s for 40 KB in maskSensitive.
const EMAIL = /(?<![A-Za-z0-9._%+-])[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/;
const SSN = /\b\d{3}-\d{2}-\d{4}\b/;
const BEARER = /\bBearer\s+[A-Za-z0-9\-._~+/]{8,}=*/i;
const AWS_KEY = /\b(?:AKIA|ASIA)[0-9A-Z]{16}\b/;
const API_KEY = /\b(?:sk|pk|rk)-[A-Za-z0-9_-]{8,}|\bgh[pousr]_[A-Za-z0-9]{20,}|\bxox[abpr]-[A-Za-z0-9-]{10,}/;
const JWT = /\beyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}/;
const KV_SECRET = /\b[\w.-]*(?:password|passwd|pwd|secret|token|api[_-]?key|apikey|access[_-]?key|private[_-]?key|credential|ssn|patient[_-]?id|diagnosis|insurance[_-]?id)[\w.-]*\s*[=:]\s*["']?(?!\*|<|\{|\$)[^\s"'&,;]{1,}/i;
// The words KV_SECRET needs, alone: a linear scan that most values fail, where KV_SECRET tries
// every word of a line from each of its characters (12 % of a text log's analysis time).
const SECRET_WORD = /password|passwd|pwd|secret|token|api[_-]?key|apikey|access[_-]?key|private[_-]?key|credential|ssn|patient[_-]?id|diagnosis|insurance[_-]?id/i;
const SENSITIVE_KEY = /(?:^|[._-])(?:password|passwd|pwd|secret|token|api[_-]?key|apikey|access[_-]?key|private[_-]?key|credentials?|ssn|patient[_-]?id|diagnosis|insurance[_-]?id|authorization)(?:$|[._-])/i;
// Digits standing alone (not part of an identifier such as `blk_-3544…`, a hex id or a
// version) with a known issuer prefix: Visa 4, Mastercard 51–55/22–27, Amex 34/37,
// Discover 6011/65, JCB 35, Diners 30/36/38. Luhn alone flags 10 % of random numbers.
const CARD_CANDIDATE = /(?<![\w.:/-])(?:4|5[1-5]|2[2-7]|3[4-8]|30|6011|65)(?:[ -]?\d){10,17}(?![\w:/-]|\.\w)/g;

function luhnValid(digits: string): boolean {
  let sum = 0;
  let dbl = false;
  for (let i = digits.length - 1; i >= 0; i--) {
    let d = digits.charCodeAt(i) - 48;
    if (dbl) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
    dbl = !dbl;
  }
  return sum % 10 === 0;
}

function hasCardNumber(s: string): boolean {
  CARD_CANDIDATE.lastIndex = 0;
  for (let m = CARD_CANDIDATE.exec(s); m; m = CARD_CANDIDATE.exec(s)) {
    const digits = m[0].replace(/[ -]/g, '');
    // Runs of one repeated digit (0000…) pass Luhn but are padding, not card numbers.
    if (digits.length >= 13 && digits.length <= 19 && !/^(\d)\1+$/.test(digits) && luhnValid(digits)) return true;
  }
  return false;
}

export type SensitiveKind = 'email' | 'card-number' | 'ssn' | 'bearer-token' | 'cloud-key' | 'api-key' | 'jwt' | 'secret-pair' | 'sensitive-key';

const REDACTED = /^(?:\*+|<redacted>|\[redacted\]|redacted|true|false|null)$/i;
/** Key → whether it names a secret (keys repeat across records: test each once; bounded). */
const keyMemo = new Map<string, boolean>();
const KEY_MEMO_CAP = 10_000;

function isSensitiveKey(key: string): boolean {
  let v = keyMemo.get(key);
  if (v === undefined) {
    v = SENSITIVE_KEY.test(key);
    if (keyMemo.size >= KEY_MEMO_CAP) keyMemo.clear();
    keyMemo.set(key, v);
  }
  return v;
}

function digitCount(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 48 && c <= 57) n++;
  }
  return n;
}

/**
 * Value → its verdict by value alone (valueSensitive): attribute values repeat across records (a
 * method, a route, a statement), and a memo lookup costs less than the pattern scans. Bounded:
 * values up to VALUE_MEMO_CHARS, cleared when full.
 */
const valueMemo = new Map<string, SensitiveKind | null>();
const VALUE_MEMO_CAP = 4_096;
const VALUE_MEMO_CHARS = 256;

/** The kind of sensitive data in a value (with its key, when known), or undefined. */
export function detectSensitive(value: string, key?: string): SensitiveKind | undefined {
  if (key !== undefined && value !== '' && isSensitiveKey(key) && !REDACTED.test(value)) return 'sensitive-key';
  if (value.length < 6) return undefined;
  if (value.length > VALUE_MEMO_CHARS) return valueSensitive(value);
  let v = valueMemo.get(value);
  if (v === undefined) {
    v = valueSensitive(value) ?? null;
    if (valueMemo.size >= VALUE_MEMO_CAP) valueMemo.clear();
    valueMemo.set(value, v);
  }
  return v ?? undefined;
}

/** detectSensitive's verdict on a value of 6 characters or more, whatever its key. */
function valueSensitive(value: string): SensitiveKind | undefined {
  // Each pattern runs only when the value has the character it cannot match without
  // ('@', '=' or ':', '-', 13 digits): same verdicts, most values skip most scans.
  if (value.includes('@') && EMAIL.test(value)) return 'email';
  if (BEARER.test(value)) return 'bearer-token';
  if (AWS_KEY.test(value)) return 'cloud-key';
  if (JWT.test(value)) return 'jwt';
  if (API_KEY.test(value)) return 'api-key';
  if ((value.includes('=') || value.includes(':')) && SECRET_WORD.test(value) && KV_SECRET.test(value)) return 'secret-pair';
  const digits = digitCount(value);
  if (digits >= 9 && value.includes('-') && SSN.test(value)) return 'ssn';
  if (digits >= 13 && hasCardNumber(value)) return 'card-number';
  return undefined;
}

/** Scan attribute-like values (nested arrays/maps included); integers are matched as decimals. */
export function findSensitiveInAttributes(attrs: Record<string, unknown>, maxValues = 200): { key: string; kind: SensitiveKind } | undefined {
  // (one budget object a call, not a closure; values are visited in the same order, each counted)
  const budget = { left: maxValues };
  for (const k of Object.keys(attrs)) {
    const r = visitSensitive(k, attrs[k], budget);
    if (r) return r;
  }
  return undefined;
}

function visitSensitive(key: string, v: unknown, budget: { left: number }): { key: string; kind: SensitiveKind } | undefined {
  if (budget.left-- <= 0) return undefined;
  if (typeof v === 'string') {
    const kind = detectSensitive(v, key);
    return kind ? { key, kind } : undefined;
  }
  if (typeof v === 'number' && Number.isInteger(v)) {
    const kind = detectSensitive(String(v), key);
    return kind ? { key, kind } : undefined;
  }
  if (Array.isArray(v)) {
    for (const x of v) {
      const r = visitSensitive(key, x, budget);
      if (r) return r;
    }
  } else if (v && typeof v === 'object') {
    for (const k of Object.keys(v)) {
      const r = visitSensitive(k, (v as Record<string, unknown>)[k], budget);
      if (r) return r;
    }
  }
  return undefined;
}

// maskSensitive's global patterns, made once (replace() starts a global pattern at 0 and leaves it there).
const EMAIL_G = new RegExp(EMAIL.source, 'g');
const BEARER_G = new RegExp(BEARER.source, 'gi');
const AWS_KEY_G = new RegExp(AWS_KEY.source, 'g');
const JWT_G = new RegExp(JWT.source, 'g');

/** Mask the sensitive parts of an excerpt before it is shown in a report. */
export function maskSensitive(s: string): string {
  return s
    .replace(EMAIL_G, '<email>')
    .replace(BEARER_G, 'Bearer <token>')
    .replace(AWS_KEY_G, '<cloud-key>')
    .replace(JWT_G, '<jwt>')
    .replace(/\b((?:password|passwd|pwd|secret|token|api[_-]?key|apikey)\w*\s*[=:]\s*)["']?[^\s"'&,;]+/gi, '$1<redacted>')
    .replace(CARD_CANDIDATE, (m) => {
      const d = m.replace(/[ -]/g, '');
      return d.length >= 13 && luhnValid(d) && !/^(\d)\1+$/.test(d) ? '<card-number>' : m;
    });
}
