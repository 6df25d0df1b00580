// Loghub ground-truth reading and scoring for the template miner (bench and accuracy tests).
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import Papa from 'papaparse';
import { TemplateMiner } from '../analyzers/profile/template-miner.js';
import { scoreGrouping, scoreTemplates, normaliseTemplate } from '../analyzers/profile/template-eval.js';

export interface SystemScore {
  system: string;
  lines: number;
  trueEvents: number;
  templates: number;
  ga: number;
  fga: number;
  pa: number;
}

export interface LoghubSystem {
  name: string;
  logFile: string;
  truthFile: string;
}

/** Every folder of `dir` holding a `X.log` raw file and its `X.log_structured.csv` ground truth. */
export function findLoghubSystems(dir: string): LoghubSystem[] {
  const out: LoghubSystem[] = [];
  for (const name of readdirSync(dir).sort()) {
    const sub = join(dir, name);
    if (!statSync(sub).isDirectory()) continue;
    for (const f of readdirSync(sub).sort()) {
      if (f.endsWith('.log') && existsSync(join(sub, `${f}_structured.csv`))) {
        out.push({ name, logFile: join(sub, f), truthFile: join(sub, `${f}_structured.csv`) });
        break;
      }
    }
  }
  return out;
}

export function readRawLines(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const lines = text.split('\n');
  if (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  return lines.map((l) => (l.endsWith('\r') ? l.slice(0, -1) : l));
}

export function readTruth(file: string): { eventIds: string[]; templates: string[]; contents: string[] } {
  const parsed = Papa.parse<Record<string, string>>(readFileSync(file, 'utf8'), { header: true, skipEmptyLines: true });
  const eventIds: string[] = [];
  const templates: string[] = [];
  const contents: string[] = [];
  for (const r of parsed.data) {
    eventIds.push(r.EventId ?? '');
    templates.push(r.EventTemplate ?? '');
    contents.push(r.Content ?? '');
  }
  return { eventIds, templates, contents };
}

export function scoreSystem(sys: LoghubSystem, detail = false): SystemScore {
  const lines = readRawLines(sys.logFile);
  const truth = readTruth(sys.truthFile);
  if (truth.eventIds.length !== lines.length) throw new Error(`${sys.name}: ${lines.length} raw lines but ${truth.eventIds.length} truth rows`);
  const miner = new TemplateMiner();
  const groups = lines.map((l) => miner.add(l).group);
  // Ids are resolved at the end: groups merge when a position proves variable.
  const ids = groups.map((g) => miner.resolveGroup(g));
  const texts = ids.map((id) => miner.template(id) ?? '');
  const g = scoreGrouping(truth.eventIds, ids);
  const pa = scoreTemplates(truth.templates, texts);
  if (detail) printDetail(lines, truth, ids, texts, miner);
  return { system: sys.name, lines: lines.length, trueEvents: g.trueGroups, templates: g.predictedGroups, ga: g.ga, fga: g.fga, pa };
}

function printDetail(lines: string[], truth: ReturnType<typeof readTruth>, ids: string[], texts: string[], miner: TemplateMiner): void {
  const byTrue = new Map<string, number[]>();
  truth.eventIds.forEach((t, i) => byTrue.set(t, [...(byTrue.get(t) ?? []), i]));
  const byPred = new Map<string, number[]>();
  ids.forEach((p, i) => byPred.set(p, [...(byPred.get(p) ?? []), i]));
  for (const [t, idx] of byTrue) {
    const preds = new Set(idx.map((i) => ids[i]!));
    const exact = preds.size === 1 && byPred.get([...preds][0]!)!.length === idx.length;
    if (exact) {
      if (normaliseTemplate(truth.templates[idx[0]!]!) !== normaliseTemplate(texts[idx[0]!]!)) {
        console.log(`PA  ${t}: truth «${truth.templates[idx[0]!]}»\n         ours  «${texts[idx[0]!]}»`);
      }
      continue;
    }
    console.log(`GA  ${t} (${idx.length} lines) «${truth.templates[idx[0]!]}»`);
    for (const p of preds) {
      const members = byPred.get(p)!;
      const others = new Set(members.map((i) => truth.eventIds[i]));
      console.log(`    → ${p} (${members.length} lines, ${others.size} true events) «${texts[members[0]!]}»`);
      const mine = idx.find((i) => ids[i] === p)!;
      console.log(`      e.g. msg «${miner.messageOf(lines[mine]!)}»`);
    }
  }
}

