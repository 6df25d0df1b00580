// Builds the renderer (the same page for Electron and the web) into dist/renderer.
import { defineConfig } from 'vite';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('./renderer', import.meta.url));

export default defineConfig({
  root,
  base: './',
  // No plugin needed: esbuild compiles TSX with the automatic React runtime.
  esbuild: { jsx: 'automatic' },
  worker: { format: 'es' },
  build: {
    outDir: fileURLToPath(new URL('./dist/renderer', import.meta.url)),
    emptyOutDir: true,
    target: 'chrome120',
    sourcemap: true,
    // The CSP allows no inline scripts or styles: keep assets as files.
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
    chunkSizeWarningLimit: 2000,
  },
  server: { host: '127.0.0.1' },
});
