// Log-parsing accuracy metrics (SCORING.md §6), ported from the public log-parsing benchmark evaluator (GA as defined there).
// GA: a line is correct only if the set of lines in its predicted group equals the set of lines in
//     its true group. GA = correct lines / all lines.
// FGA: F1 over groups: a predicted group is "right" when it is exactly a true group;
//     precision = right / predicted groups, recall = right / true groups.
// PA: share of lines whose predicted template text equals the true template after normalising
//     both with `normaliseTemplate` (whitespace runs → one space, trimmed; any run of variables
//     separated only by spaces, e.g. `<*> <*>` or `<*><*>`, → one `<*>`).

export interface GroupingScores {
  ga: number;
  fga: number;
  /** Groups exactly right, predicted groups, true groups. */
  rightGroups: number;
  predictedGroups: number;
  trueGroups: number;
}

/** `truth[i]` and `predicted[i]` are the group keys of line i. */
export function scoreGrouping(truth: readonly string[], predicted: readonly string[]): GroupingScores {
  if (truth.length !== predicted.length) throw new Error('truth and predicted must have one entry per line');
  const n = truth.length;
  const trueSize = new Map<string, number>();
  for (const t of truth) trueSize.set(t, (trueSize.get(t) ?? 0) + 1);
  // For each predicted group: its size, and the single true group of its lines (or a conflict).
  const predSize = new Map<string, number>();
  const predTrue = new Map<string, string | null>();
  for (let i = 0; i < n; i++) {
    const p = predicted[i]!;
    const t = truth[i]!;
    predSize.set(p, (predSize.get(p) ?? 0) + 1);
    if (!predTrue.has(p)) predTrue.set(p, t);
    else if (predTrue.get(p) !== t) predTrue.set(p, null);
  }
  let correctLines = 0;
  let rightGroups = 0;
  for (const [p, size] of predSize) {
    const t = predTrue.get(p);
    if (t === null || t === undefined) continue;
    if (trueSize.get(t) === size) {
      correctLines += size;
      rightGroups++;
    }
  }
  const precision = predSize.size ? rightGroups / predSize.size : 0;
  const recall = trueSize.size ? rightGroups / trueSize.size : 0;
  return {
    ga: n ? correctLines / n : 0,
    fga: precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0,
    rightGroups,
    predictedGroups: predSize.size,
    trueGroups: trueSize.size,
  };
}

/** Normalisation applied to both sides before comparing template texts (see header). */
export function normaliseTemplate(t: string): string {
  let s = t.replace(/\s+/g, ' ').trim();
  let prev = '';
  while (prev !== s) {
    prev = s;
    s = s.replace(/<\*>\s*<\*>/g, '<*>');
  }
  return s;
}

/** PA: share of lines whose normalised predicted template equals the normalised true template. */
export function scoreTemplates(truth: readonly string[], predicted: readonly string[]): number {
  if (truth.length !== predicted.length) throw new Error('truth and predicted must have one entry per line');
  if (truth.length === 0) return 0;
  const cache = new Map<string, string>();
  const norm = (x: string): string => {
    let v = cache.get(x);
    if (v === undefined) {
      v = normaliseTemplate(x);
      cache.set(x, v);
    }
    return v;
  };
  let ok = 0;
  for (let i = 0; i < truth.length; i++) if (norm(truth[i]!) === norm(predicted[i]!)) ok++;
  return ok / truth.length;
}
