// The application menu. Items that act on the UI send a MenuCommand to the focused window.
import { Menu, type BrowserWindow, type MenuItemConstructorOptions } from 'electron';
import { MENU_COMMAND_CHANNEL, type MenuCommand } from '../shared/contract.js';

export function buildMenuTemplate(getWindow: () => BrowserWindow | null, isMac: boolean): MenuItemConstructorOptions[] {
  const send = (command: MenuCommand) => () => getWindow()?.webContents.send(MENU_COMMAND_CHANNEL, command);
  return [
    ...(isMac ? [{ role: 'appMenu' as const }] : []),
    {
      label: '&File',
      submenu: [
        { label: 'Open Files…', accelerator: 'CmdOrCtrl+O', click: send('open-files') },
        { label: 'Open Folder…', accelerator: 'CmdOrCtrl+Shift+O', click: send('open-folder') },
        { type: 'separator' },
        { label: 'Export JSON…', accelerator: 'CmdOrCtrl+E', click: send('export-json') },
        { label: 'Export PDF…', accelerator: 'CmdOrCtrl+P', click: send('export-pdf') },
        { type: 'separator' },
        { label: 'Start Page', click: send('show-start') },
        { type: 'separator' },
        isMac ? { role: 'close' } : { role: 'quit' },
      ],
    },
    { role: 'editMenu' },
    {
      label: '&View',
      submenu: [
        { label: 'Toggle Dark Theme', accelerator: 'CmdOrCtrl+Shift+L', click: send('toggle-theme') },
        { type: 'separator' },
        { role: 'resetZoom' },
        { role: 'zoomIn' },
        { role: 'zoomOut' },
        { type: 'separator' },
        { role: 'togglefullscreen' },
        { role: 'toggleDevTools' },
      ],
    },
    { role: 'windowMenu' },
  ];
}

export function setupMenu(getWindow: () => BrowserWindow | null): void {
  Menu.setApplicationMenu(Menu.buildFromTemplate(buildMenuTemplate(getWindow, process.platform === 'darwin')));
}
