// A check is the unit of evidence: how many records were examined for one property, how many
// failed it, and the first few failing examples. Rules turn checks into pass/fail verdicts.
import type { SignalRecord } from '../model/index.js';
import { addExample, exampleOf, mergeExamples, wouldKeep, type ExampleRecord } from './examples.js';

export interface CheckState {
  examined: number;
  failing: number;
  examples: ExampleRecord[];
}

export type ChecksState = Record<string, CheckState>;

export class Checks {
  private readonly map = new Map<string, CheckState>();

  private get(id: string): CheckState {
    let c = this.map.get(id);
    if (!c) {
      c = { examined: 0, failing: 0, examples: [] };
      this.map.set(id, c);
    }
    return c;
  }

  pass(id: string): void {
    this.get(id).examined++;
  }

  fail(id: string, record: SignalRecord, note?: string): void {
    const c = this.get(id);
    c.examined++;
    c.failing++;
    if (wouldKeep(c.examples, record.source.file, record.source.line)) addExample(c.examples, exampleOf(record, note));
  }

  record(id: string, ok: boolean, record: SignalRecord, note?: string): void {
    if (ok) this.pass(id);
    else this.fail(id, record, note);
  }

  state(): ChecksState {
    const out: ChecksState = {};
    for (const id of [...this.map.keys()].sort()) {
      const c = this.map.get(id)!;
      out[id] = { examined: c.examined, failing: c.failing, examples: c.examples.map((e) => ({ ...e })) };
    }
    return out;
  }

  merge(s: ChecksState): void {
    for (const id of Object.keys(s)) {
      const c = this.get(id);
      const o = s[id]!;
      c.examined += o.examined;
      c.failing += o.failing;
      mergeExamples(c.examples, o.examples);
    }
  }
}

export function emptyCheck(): CheckState {
  return { examined: 0, failing: 0, examples: [] };
}
