// Recent analyses, kept in the app data folder: an index plus one JSON report per entry.
import { app } from 'electron';
import { mkdir, readFile, rm, writeFile, rename } from 'node:fs/promises';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { CHANNELS, type AddRecentArgs, type OpenRecentResult, type RecentAnalysis } from '../shared/contract.js';
import { handle } from './ipc.js';

export const MAX_RECENT = 20;

export class RecentStore {
  constructor(private readonly dir: string) {}

  private get indexPath(): string {
    return join(this.dir, 'index.json');
  }

  private reportPath(id: string): string {
    return join(this.dir, `${id}.json`);
  }

  async list(): Promise<RecentAnalysis[]> {
    try {
      const parsed: unknown = JSON.parse(await readFile(this.indexPath, 'utf8'));
      return Array.isArray(parsed) ? (parsed as RecentAnalysis[]).filter((r) => typeof r?.id === 'string' && /^[A-Za-z0-9_-]{1,64}$/.test(r.id)) : [];
    } catch {
      return []; // no index yet, or a damaged one: start over rather than fail the app
    }
  }

  async add(args: AddRecentArgs, now = new Date()): Promise<RecentAnalysis> {
    await mkdir(this.dir, { recursive: true });
    let verdict: string | null = null;
    let score: number | null = null;
    let inputCount = 0;
    try {
      const r = JSON.parse(args.reportJson) as { verdict?: unknown; score?: unknown; inputs?: unknown };
      verdict = typeof r.verdict === 'string' ? r.verdict : null;
      score = typeof r.score === 'number' ? r.score : null;
      inputCount = Array.isArray(r.inputs) ? r.inputs.length : 0;
    } catch {
      /* stored as given; the summary stays empty */
    }
    const entry: RecentAnalysis = { id: randomUUID(), title: args.title.slice(0, 200), savedAt: now.toISOString(), verdict, score, inputCount };
    await writeFile(this.reportPath(entry.id), args.reportJson, 'utf8');
    const list = [entry, ...(await this.list())];
    for (const old of list.slice(MAX_RECENT)) await rm(this.reportPath(old.id), { force: true });
    await this.writeIndex(list.slice(0, MAX_RECENT));
    return entry;
  }

  async open(id: string): Promise<OpenRecentResult> {
    if (!(await this.list()).some((r) => r.id === id)) return { ok: false, reason: 'not-found' };
    try {
      return { ok: true, reportJson: await readFile(this.reportPath(id), 'utf8') };
    } catch {
      return { ok: false, reason: 'read-failed' };
    }
  }

  async remove(id: string): Promise<void> {
    const list = await this.list();
    if (!list.some((r) => r.id === id)) return;
    await rm(this.reportPath(id), { force: true });
    await this.writeIndex(list.filter((r) => r.id !== id));
  }

  /** Write-then-rename so a crash never leaves half an index. */
  private async writeIndex(list: RecentAnalysis[]): Promise<void> {
    const tmp = `${this.indexPath}.tmp`;
    await writeFile(tmp, JSON.stringify(list, null, 2), 'utf8');
    await rename(tmp, this.indexPath);
  }
}

export function setupRecent(store = new RecentStore(join(app.getPath('userData'), 'recent'))): RecentStore {
  handle(CHANNELS.listRecent, () => store.list());
  handle(CHANNELS.addRecent, (_e, args) => store.add(args));
  handle(CHANNELS.openRecent, (_e, id) => store.open(id));
  handle(CHANNELS.removeRecent, (_e, id) => store.remove(id));
  return store;
}
