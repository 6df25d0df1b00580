// Mapping app:// URLs to files of the built renderer, never outside it.
import { describe, expect, it, vi } from 'vitest';
import { join } from 'node:path';

vi.mock('electron', () => ({ protocol: {} }));
const { resolveAppPath } = await import('../../../electron/main/protocol.js');

const root = '/opt/obsready/resources/app.asar/dist/renderer';

describe('resolveAppPath', () => {
  it('serves files inside the renderer folder, index.html for the root', () => {
    expect(resolveAppPath(root, 'app://obsready/')).toBe(join(root, 'index.html'));
    expect(resolveAppPath(root, 'app://obsready/index.html')).toBe(join(root, 'index.html'));
    expect(resolveAppPath(root, 'app://obsready/assets/index-1.js?x=1#y')).toBe(join(root, 'assets/index-1.js'));
    // Dot segments are resolved by the URL parser before they reach the file system: still inside.
    expect(resolveAppPath(root, 'app://obsready/../../etc/passwd')).toBe(join(root, 'etc/passwd'));
  });

  it('refuses escapes, other hosts and other schemes', () => {
    expect(resolveAppPath(root, 'app://obsready/..%2f..%2f..%2fetc%2fpasswd')).toBeNull();
    expect(resolveAppPath(root, 'app://obsready/%2e%2e%2f%2e%2e%2fsecret')).toBeNull();
    expect(resolveAppPath(root, 'app://obsready/a%00.js')).toBeNull();
    expect(resolveAppPath(root, 'app://obsready/%E0%A4%A')).toBeNull();
    expect(resolveAppPath(root, 'app://other/index.html')).toBeNull();
    expect(resolveAppPath(root, 'file:///etc/passwd')).toBeNull();
    expect(resolveAppPath(root, 'not a url')).toBeNull();
  });
});
