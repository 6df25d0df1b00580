// Electron entry point: thin. Registers the app scheme, hardens every session and web contents,
// wires the IPC features and opens the window. Parsing never happens here (see renderer/workers).
import { app, BrowserWindow, session } from 'electron';
import { join } from 'node:path';
import { CHANNELS } from '../shared/contract.js';
import { TOOL_VERSION } from '../../analyzers/version.js';
import { handle } from './ipc.js';
import { FileRegistry, setupFiles } from './files.js';
import { setupExports } from './exports.js';
import { setupRecent } from './recent.js';
import { setupMenu } from './menu.js';
import { registerAppScheme, serveAppScheme } from './protocol.js';
import { hardenSession, hardenWebContents } from './security.js';
import { createMainWindow } from './window.js';

registerAppScheme();
app.enableSandbox();

let mainWindow: BrowserWindow | null = null;

app.on('web-contents-created', (_event, contents) => hardenWebContents(contents));

async function openWindow(): Promise<void> {
  mainWindow = await createMainWindow(join(__dirname, 'preload.cjs'));
  mainWindow.on('closed', () => {
    mainWindow = null;
  });
}

void app.whenReady().then(async () => {
  hardenSession(session.defaultSession);
  serveAppScheme(join(__dirname, '..', 'renderer'));
  setupFiles(new FileRegistry());
  setupExports();
  setupRecent();
  handle(CHANNELS.getAppInfo, () => ({ version: TOOL_VERSION, platform: process.platform, electron: process.versions.electron ?? '' }));
  setupMenu(() => mainWindow ?? BrowserWindow.getFocusedWindow());
  await openWindow();
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) void openWindow();
  });
});

app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit();
});
