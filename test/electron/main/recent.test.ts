// Recent analyses kept in the app data folder.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

vi.mock('electron', () => ({ app: { getPath: () => '/nonexistent' }, ipcMain: { handle: vi.fn() } }));
const { MAX_RECENT, RecentStore } = await import('../../../electron/main/recent.js');

const dirs: string[] = [];
function store() {
  const d = mkdtempSync(join(tmpdir(), 'obsready-recent-'));
  dirs.push(d);
  return { dir: d, store: new RecentStore(join(d, 'recent')) };
}
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

const report = (score: number) => JSON.stringify({ schemaVersion: '1.0', verdict: 'conditional', score, inputs: [{}, {}, {}] });

describe('RecentStore', () => {
  it('adds, lists newest first, opens and removes', async () => {
    const { store: s } = store();
    expect(await s.list()).toEqual([]);
    const a = await s.add({ title: 'day 1', reportJson: report(61.5) }, new Date('2026-01-01T00:00:00Z'));
    const b = await s.add({ title: 'day 2', reportJson: report(70) }, new Date('2026-01-02T00:00:00Z'));
    expect(a).toMatchObject({ title: 'day 1', verdict: 'conditional', score: 61.5, inputCount: 3, savedAt: '2026-01-01T00:00:00.000Z' });
    expect((await s.list()).map((r) => r.title)).toEqual(['day 2', 'day 1']);
    expect(await s.open(a.id)).toEqual({ ok: true, reportJson: report(61.5) });
    await s.remove(a.id);
    expect((await s.list()).map((r) => r.id)).toEqual([b.id]);
    expect(await s.open(a.id)).toEqual({ ok: false, reason: 'not-found' });
  });

  it(`keeps the ${MAX_RECENT} newest and deletes older report files`, async () => {
    const { dir, store: s } = store();
    for (let i = 0; i < MAX_RECENT + 3; i++) await s.add({ title: `run ${i}`, reportJson: report(i) });
    const list = await s.list();
    expect(list.length).toBe(MAX_RECENT);
    expect(list[0]!.title).toBe(`run ${MAX_RECENT + 2}`);
    // index.json plus one file per kept entry.
    expect(readdirSync(join(dir, 'recent')).length).toBe(MAX_RECENT + 1);
  });

  it('starts over from a damaged index instead of failing', async () => {
    const { dir, store: s } = store();
    await s.add({ title: 'x', reportJson: report(1) });
    writeFileSync(join(dir, 'recent', 'index.json'), '{not json');
    expect(await s.list()).toEqual([]);
    // Ids that could address other files are ignored.
    writeFileSync(join(dir, 'recent', 'index.json'), JSON.stringify([{ id: '../../x', title: 't' }]));
    expect(await s.list()).toEqual([]);
  });
});
