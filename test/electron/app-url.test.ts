import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { appUrlToPath, contentType, isAppUrl } from '../../electron/main/app-url';

const root = path.resolve('/opt/sohoa/dist/renderer');

describe('app:// URLs of the Electron shell', () => {
  it('serves the entry page for the bare origin and for client-side routes', () => {
    expect(appUrlToPath(root, 'app://station/')).toBe(path.join(root, 'index.html'));
    expect(appUrlToPath(root, 'app://station/dossiers/42')).toBe(path.join(root, 'index.html'));
  });

  it('maps assets to files inside the renderer folder', () => {
    expect(appUrlToPath(root, 'app://station/assets/index-abc.js?v=1#x')).toBe(
      path.join(root, 'assets', 'index-abc.js'),
    );
    expect(contentType('index-abc.js')).toBe('text/javascript; charset=utf-8');
    expect(contentType('x.unknown')).toBe('application/octet-stream');
  });

  it('refuses anything that would read outside the renderer folder', () => {
    for (const url of [
      'app://station/../../etc/passwd',
      'app://station/%2e%2e/%2e%2e/etc/passwd',
      'app://station/assets/..%2F..%2F..%2Fpackage.json',
      'app://station/..%5C..%5Csecret.txt',
      'app://station/a%00.js',
      'app://station/%E0%A4%A',
    ]) {
      const file = appUrlToPath(root, url);
      if (file !== null) expect(file.startsWith(root + path.sep)).toBe(true);
    }
    expect(appUrlToPath(root, 'app://station/assets/..%2F..%2F..%2Fpackage.json')).toBeNull();
    expect(appUrlToPath(root, 'app://station/a%00.js')).toBeNull();
  });

  it('knows only its own origin', () => {
    expect(isAppUrl('app://station/index.html')).toBe(true);
    expect(isAppUrl('app://other/index.html')).toBe(false);
    expect(isAppUrl('https://station/')).toBe(false);
    expect(isAppUrl('file:///etc/passwd')).toBe(false);
    expect(isAppUrl('not a url')).toBe(false);
    expect(appUrlToPath(root, 'https://example.com/index.html')).toBeNull();
  });
});
