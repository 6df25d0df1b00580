// The one way main registers IPC handlers: checks that the call comes from the app's own page
// (not a navigated-away frame, an iframe or devtools), validates the arguments, and turns a
// thrown error into a rejected promise with a generic message (details stay in main's log).
import { ipcMain, type IpcMainInvokeEvent } from 'electron';
import { APP_ORIGIN, type Channel, type ChannelArgs, type ChannelResults } from '../shared/contract.js';
import { VALIDATORS } from './validate.js';

export class IpcRejection extends Error {
  constructor(
    readonly code: 'untrusted-sender' | 'invalid-arguments',
    channel: string,
  ) {
    super(`${channel}: ${code}`);
  }
}

/** True when the frame that sent the message shows the app's own page. */
export function isTrustedSender(event: Pick<IpcMainInvokeEvent, 'senderFrame'>): boolean {
  const url = event.senderFrame?.url;
  if (typeof url !== 'string') return false;
  try {
    const u = new URL(url);
    return `${u.protocol}//${u.host}` === APP_ORIGIN;
  } catch {
    return false;
  }
}

export type Handler<C extends Channel> = (event: IpcMainInvokeEvent, ...args: ChannelArgs[C]) => ChannelResults[C] | Promise<ChannelResults[C]>;

export function handle<C extends Channel>(channel: C, handler: Handler<C>): void {
  ipcMain.handle(channel, async (event, ...raw: unknown[]) => {
    if (!isTrustedSender(event)) throw new IpcRejection('untrusted-sender', channel);
    const args = VALIDATORS[channel](raw);
    if (args === null) throw new IpcRejection('invalid-arguments', channel);
    return handler(event, ...(args as ChannelArgs[C]));
  });
}
