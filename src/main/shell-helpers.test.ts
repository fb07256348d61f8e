import { describe, expect, it } from 'vitest';
import { applicationMenuTemplate } from './app-menu';
import { chooseKeySource } from './key-source';
import { findMailtoUrl } from './mailto';

describe('findMailtoUrl', () => {
  it('finds a mailto URL among Electron and Chromium arguments', () => {
    expect(findMailtoUrl(['/opt/PMSync/pmsync', '--no-sandbox', 'mailto:ann@example.com?subject=Hi'])).toBe('mailto:ann@example.com?subject=Hi');
    expect(findMailtoUrl(['/opt/PMSync/pmsync', 'MAILTO:bob@example.com'])).toBe('mailto:bob@example.com');
  });

  it('ignores everything else', () => {
    expect(findMailtoUrl(['/opt/PMSync/pmsync', '--flag', 'https://example.com/', 'file:///etc/passwd'])).toBeUndefined();
    expect(findMailtoUrl(['javascript:mailto:x'])).toBeUndefined();
    expect(findMailtoUrl([])).toBeUndefined();
  });
});

describe('chooseKeySource', () => {
  it('uses safeStorage when it really encrypts', () => {
    expect(chooseKeySource({ encryptionAvailable: true })).toBe('safeStorage');
    expect(chooseKeySource({ encryptionAvailable: true, linuxBackend: 'gnome_libsecret' })).toBe('safeStorage');
    expect(chooseKeySource({ encryptionAvailable: true, linuxBackend: 'kwallet5' })).toBe('safeStorage');
  });

  it('falls back to the keychain when safeStorage is unavailable or only obfuscates', () => {
    expect(chooseKeySource({ encryptionAvailable: false })).toBe('keychain');
    expect(chooseKeySource({ encryptionAvailable: true, linuxBackend: 'basic_text' })).toBe('keychain');
    expect(chooseKeySource({ encryptionAvailable: true, linuxBackend: 'unknown' })).toBe('keychain');
  });
});

describe('applicationMenuTemplate', () => {
  const roles = (platform: NodeJS.Platform) => applicationMenuTemplate(platform).map((item) => item.role);

  it('gives macOS its app menu and every platform an Edit menu', () => {
    expect(roles('darwin')).toEqual(['appMenu', 'fileMenu', 'editMenu', 'viewMenu', 'windowMenu', 'help']);
    expect(roles('linux')).toEqual(['fileMenu', 'editMenu', 'viewMenu', 'windowMenu', 'help']);
    expect(roles('win32')).toEqual(['fileMenu', 'editMenu', 'viewMenu', 'windowMenu', 'help']);
  });
});
