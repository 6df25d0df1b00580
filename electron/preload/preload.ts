// Exposes exactly AppApi on window.obsready, nothing else: no ipcRenderer, no Node.
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { CHANNELS, MENU_COMMAND_CHANNEL, type AppApi, type MenuCommand } from '../shared/contract.js';

export const api = {
  openFiles: () => ipcRenderer.invoke(CHANNELS.openFiles),
  openFolder: () => ipcRenderer.invoke(CHANNELS.openFolder),
  readChunk: (args) => ipcRenderer.invoke(CHANNELS.readChunk, args),
  closeFile: (fileId) => ipcRenderer.invoke(CHANNELS.closeFile, fileId),
  saveExport: (args) => ipcRenderer.invoke(CHANNELS.saveExport, args),
  printPdf: (args) => ipcRenderer.invoke(CHANNELS.printPdf, args),
  listRecent: () => ipcRenderer.invoke(CHANNELS.listRecent),
  addRecent: (args) => ipcRenderer.invoke(CHANNELS.addRecent, args),
  openRecent: (id) => ipcRenderer.invoke(CHANNELS.openRecent, id),
  removeRecent: (id) => ipcRenderer.invoke(CHANNELS.removeRecent, id),
  getAppInfo: () => ipcRenderer.invoke(CHANNELS.getAppInfo),
  onMenuCommand: (listener: (command: MenuCommand) => void) => {
    // Wrap so the renderer never receives the IpcRendererEvent (it exposes `sender`).
    const wrapped = (_event: IpcRendererEvent, command: MenuCommand) => listener(command);
    ipcRenderer.on(MENU_COMMAND_CHANNEL, wrapped);
    return () => void ipcRenderer.removeListener(MENU_COMMAND_CHANNEL, wrapped);
  },
} satisfies AppApi;

contextBridge.exposeInMainWorld('obsready', api);
