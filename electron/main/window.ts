// The main window: hardened webPreferences, the app page from app://obsready/.
import { BrowserWindow, type BrowserWindowConstructorOptions } from 'electron';
import { APP_ORIGIN } from '../shared/contract.js';
import { hardenedWebPreferences, hardenWebContents } from './security.js';

export const APP_URL = `${APP_ORIGIN}/index.html`;

export function mainWindowOptions(preloadPath: string): BrowserWindowConstructorOptions {
  return {
    width: 1280,
    height: 800,
    minWidth: 960,
    minHeight: 600,
    title: 'ObsReady',
    show: false,
    backgroundColor: '#14161a',
    webPreferences: hardenedWebPreferences(preloadPath),
  };
}

export async function createMainWindow(preloadPath: string): Promise<BrowserWindow> {
  const win = new BrowserWindow(mainWindowOptions(preloadPath));
  hardenWebContents(win.webContents);
  win.once('ready-to-show', () => win.show());
  await win.loadURL(APP_URL);
  return win;
}
