// A single-line progress bar on stderr (only when stderr is a terminal): bytes, records, rate, ETA.
export interface ProgressState {
  file: string;
  fileIndex: number;
  fileCount: number;
  bytesDone: number;
  bytesTotal: number;
  records: number;
  /** What the records are called (default `records`). */
  unit?: string;
  rejected: number;
  /** Some input is a pipe (size unknown): no share, total or ETA, only what was read. */
  sizeUnknown?: boolean;
}

function human(n: number): string {
  const units = ['B', 'KB', 'MB', 'GB', 'TB'];
  let i = 0;
  while (n >= 1024 && i < units.length - 1) {
    n /= 1024;
    i++;
  }
  return `${n.toFixed(i === 0 ? 0 : 1)} ${units[i]}`;
}

export function formatBytes(n: number): string {
  return human(n);
}

function duration(s: number): string {
  if (!Number.isFinite(s) || s < 0) return '--';
  if (s < 60) return `${Math.ceil(s)}s`;
  return `${Math.floor(s / 60)}m${String(Math.ceil(s % 60)).padStart(2, '0')}s`;
}

export class ProgressBar {
  private last = 0;
  private readonly started = Date.now();
  private active = false;

  constructor(private readonly stream: NodeJS.WriteStream, private readonly enabled: boolean) {}

  update(p: ProgressState, force = false): void {
    if (!this.enabled) return;
    const now = Date.now();
    if (!force && now - this.last < 100) return;
    this.last = now;
    const elapsed = (now - this.started) / 1000;
    const rate = elapsed > 0 ? p.bytesDone / elapsed : 0;
    const eta = rate > 0 && !p.sizeUnknown ? (p.bytesTotal - p.bytesDone) / rate : NaN;
    const share = p.bytesTotal > 0 && !p.sizeUnknown ? Math.min(1, p.bytesDone / p.bytesTotal) : 0;
    const width = 24;
    const filled = Math.round(share * width);
    const bar = '█'.repeat(filled) + '░'.repeat(width - filled);
    const amount = p.sizeUnknown ? `   ?%  ${human(p.bytesDone)} read` : `${(share * 100).toFixed(0).padStart(3)}%  ${human(p.bytesDone)}/${human(p.bytesTotal)}`;
    const counts = `${bar} ${amount}  ${p.records.toLocaleString('en-US')} ${p.unit ?? 'records'}${p.rejected ? `, ${p.rejected} rejected` : ''}`;
    const rest = `  ${human(rate)}/s  ETA ${duration(eta)}  [${p.fileIndex + 1}/${p.fileCount}] `;
    const cols = this.stream.columns ?? 120;
    // The file's name gets the room the counts leave (at least its last 16 characters: the end of
    // a path names the file); in a narrow terminal the rate and ETA give way first.
    const full = counts + rest;
    const head = full.length + 16 <= cols - 1 ? full : `${counts}  [${p.fileIndex + 1}/${p.fileCount}] `;
    const room = Math.max(16, cols - 1 - head.length);
    const name = p.file.length > room ? '…' + p.file.slice(-(room - 1)) : p.file;
    // (a terminal too narrow even for that keeps the name's end and cuts the counts)
    const line = head.length + name.length > cols - 1 ? head.slice(0, Math.max(0, cols - 1 - name.length)) + name : head + name;
    this.stream.write('\r' + line.slice(0, cols - 1).padEnd(Math.min(cols - 1, line.length)) + '\x1b[K');
    this.active = true;
  }

  done(): void {
    if (this.enabled && this.active) this.stream.write('\r\x1b[K');
    this.active = false;
  }
}
