// The lines a package manager prints before it runs a script (`npm start > app.log 2>&1`), wherever
// they are in a log: at its head (see analysis/preamble.ts, which skips them there) and after a
// restart of the service in the same log. npm's and pnpm's `> name@version script` (pnpm and npm 6
// add the package's folder) and `> command`, then a blank line; yarn 1's `yarn run v1.22.19` and
// `$ command`. They are no records of the service's: skipped, and reported as one invalid-line.

export const NPM_RUN_HEAD = /^> (?:@[\w.-]+\/)?[\w.-]+@\d+\.\d+\.\d+\S* \S+(?: .*)?$/;
export const NPM_RUN_COMMAND = /^> \S/;
export const YARN_RUN_HEAD = /^yarn run v\d+\.\d+\.\d+$/;
export const YARN_RUN_COMMAND = /^\$ \S/;
/** A command's lines looked at, at most. */
export const MAX_RUN_COMMAND_LINES = 4;

/** A line as a reader gives it to RunBannerReader. */
export interface BannerLine {
  text: string;
  line: number;
  offset: number;
}

/** A banner found: its first and last lines, the package manager, its head line. */
export interface RunBanner<T extends BannerLine> {
  first: T;
  last: T;
  tool: 'npm' | 'yarn';
  head: string;
}

/**
 * Reads a log's lines one at a time and holds those that may be a run banner (its head and command
 * lines, up to what tells: npm's blank line after them, yarn's first line that is no command), so
 * that the reader skips a banner and reads any other line as before.
 */
export class RunBannerReader<T extends BannerLine> {
  private held: T[] = [];
  private npm = false;

  /** `l`, the next line: the lines to read now, in order (`l` among them unless held), and the banner they end, if any. */
  take(l: T): { read: T[]; banner?: RunBanner<T> } {
    const text = l.text.replace(/\r$/, '');
    if (this.held.length === 0) {
      this.npm = NPM_RUN_HEAD.test(text);
      if (!this.npm && !YARN_RUN_HEAD.test(text)) return { read: [l] };
      this.held.push(l);
      return { read: [] };
    }
    const commands = this.held.length - 1;
    if (commands < MAX_RUN_COMMAND_LINES && (this.npm ? NPM_RUN_COMMAND : YARN_RUN_COMMAND).test(text)) {
      this.held.push(l);
      return { read: [] };
    }
    const held = this.held;
    this.held = [];
    if (commands >= 1 && (!this.npm || text.trim() === '')) {
      const banner: RunBanner<T> = { first: held[0]!, last: this.npm ? l : held[held.length - 1]!, tool: this.npm ? 'npm' : 'yarn', head: held[0]!.text.replace(/\r$/, '') };
      return { read: this.npm ? [] : [l], banner };
    }
    return { read: [...held, l] };
  }

  /** At the input's end: the lines still held (a banner not told: read as lines). */
  end(): T[] {
    const held = this.held;
    this.held = [];
    return held;
  }
}

/** The invalid-line message for a banner from line `first` to line `last`. */
export function runBannerMessage(first: number, last: number, tool: string, head: string): string {
  return `lines ${first}–${last} are not part of the log: the banner ${tool} prints before it runs a script (\`${head}\`); skipped`;
}
