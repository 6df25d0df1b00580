// electron-builder.yml: valid against electron-builder's own schema, stable appId, every
// installer target, and the Electron fuses that close run-as-node and friends.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import Ajv from 'ajv';

const require = createRequire(import.meta.url);
const yaml = require('js-yaml') as { load(s: string): unknown };
const repo = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const config = yaml.load(readFileSync(join(repo, 'electron-builder.yml'), 'utf8')) as Record<string, any>;

describe('electron-builder.yml', () => {
  it('validates against app-builder-lib/scheme.json', () => {
    const schema = JSON.parse(readFileSync(require.resolve('app-builder-lib/scheme.json'), 'utf8'));
    const validate = new Ajv({ strict: false, allErrors: true }).compile(schema);
    expect(validate(config), JSON.stringify(validate.errors)).toBe(true);
  });

  it('builds AppImage, deb, dmg and nsis under a stable appId', () => {
    expect(config.appId).toBe('io.obsready.app');
    expect(config.linux.target).toEqual(['AppImage', 'deb']);
    expect(config.mac.target).toEqual(['dmg']);
    expect(config.win.target).toEqual(['nsis']);
    expect(config.asar).toBe(true);
  });

  it('sets the Electron fuses', () => {
    expect(config.electronFuses).toMatchObject({
      runAsNode: false,
      enableCookieEncryption: true,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
    });
  });

  it('packs the built main, preload and renderer that package.json points at', () => {
    const pkg = JSON.parse(readFileSync(join(repo, 'package.json'), 'utf8'));
    expect(pkg.main).toBe('dist/electron/main.cjs');
    expect(config.files).toEqual(expect.arrayContaining(['dist/electron/**', 'dist/renderer/**', 'package.json']));
  });
});

describe('bundled main process', () => {
  it('needs nothing from node_modules at run time but electron (the installer ships no node_modules)', async () => {
    const { build } = await import('esbuild');
    const out = await build({ entryPoints: [join(repo, 'electron/main/main.ts'), join(repo, 'electron/preload/preload.ts')], bundle: true, platform: 'node', format: 'cjs', external: ['electron'], write: false, outdir: '/tmp/obsready-unused', logLevel: 'silent' });
    const required = new Set<string>();
    for (const f of out.outputFiles) for (const m of f.text.matchAll(/require\("([^"]+)"\)/g)) required.add(m[1]!);
    expect([...required].filter((m) => m !== 'electron' && !m.startsWith('node:'))).toEqual([]);
    expect(config.files).toContain('!node_modules/**');
  });
});
