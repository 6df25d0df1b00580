// The one module that knows whether the UI runs in Electron (window.obsready from the preload)
// or in a plain browser. Everything else in the renderer talks to `platform`.
import type { AppApi } from '../../electron/shared/contract.js';
import { createBrowserPlatform } from './browser.js';
import { createDesktopPlatform } from './desktop.js';
import type { Platform } from './types.js';

export type { InputSource, Platform, PickOutcome, SaveOutcome, ExportFormat, MenuCommand, RecentAnalysis } from './types.js';

function detect(): Platform {
  const api = (globalThis as { obsready?: AppApi }).obsready;
  return api ? createDesktopPlatform(api) : createBrowserPlatform();
}

export const platform: Platform = detect();
