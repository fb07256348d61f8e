import { describe, expect, it } from 'vitest';
import {
  ALLOWED_PERMISSIONS,
  CONTENT_SECURITY_POLICY,
  contentSecurityPolicy,
  hardenedWebPreferences,
  isAllowedFrameNavigation,
  isAllowedNavigation,
  isPermissionAllowed,
  isSafeExternalUrl,
  safeExternalUrl,
  windowOpenDecision,
} from './window-options';

const FILE_APP = 'file:///opt/PMSync/resources/app.asar/out/renderer/index.html';
const DEV_APP = 'http://localhost:5173/';

/** Parses a CSP into directive → sources, so tests check meaning, not spacing. */
function directives(csp: string): Map<string, string[]> {
  const map = new Map<string, string[]>();
  for (const part of csp.split(';')) {
    const [name, ...sources] = part.trim().split(/\s+/);
    if (name) map.set(name, sources);
  }
  return map;
}

describe('hardenedWebPreferences', () => {
  it('isolates, sandboxes and strips Node from every window', () => {
    const prefs = hardenedWebPreferences('/app/out/preload/index.cjs');
    expect(prefs).toEqual({
      preload: '/app/out/preload/index.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      spellcheck: true,
    });
  });
});

describe('content security policy', () => {
  it('allows scripts and connections from the app only and forbids plugins, base and forms', () => {
    const csp = directives(CONTENT_SECURITY_POLICY);
    expect(csp.get('default-src')).toEqual(["'self'"]);
    expect(csp.get('script-src')).toEqual(["'self'"]);
    expect(csp.get('connect-src')).toEqual(["'self'"]);
    expect(csp.get('object-src')).toEqual(["'none'"]);
    expect(csp.get('base-uri')).toEqual(["'none'"]);
    expect(csp.get('form-action')).toEqual(["'none'"]);
    expect(csp.get('frame-ancestors')).toEqual(["'none'"]);
    expect(csp.get('style-src')).toEqual(["'self'", "'unsafe-inline'"]);
    expect(csp.get('font-src')).toEqual(["'self'", 'data:']);
    expect(csp.get('img-src')).toEqual(["'self'", 'data:', 'blob:', 'https:', 'http:']);
    expect(csp.get('frame-src')).toEqual(["'self'", 'blob:', 'about:']);
    expect(CONTENT_SECURITY_POLICY).not.toContain('unsafe-eval');
  });

  it('is the production policy unless a dev server URL is given', () => {
    expect(contentSecurityPolicy()).toBe(CONTENT_SECURITY_POLICY);
    expect(contentSecurityPolicy('')).toBe(CONTENT_SECURITY_POLICY);
    expect(contentSecurityPolicy('not a url')).toBe(CONTENT_SECURITY_POLICY);
    expect(contentSecurityPolicy('file:///x/index.html')).toBe(CONTENT_SECURITY_POLICY);
  });

  it('relaxes only script-src inline and the HMR socket for the dev server', () => {
    const dev = directives(contentSecurityPolicy('http://localhost:5173/'));
    expect(dev.get('script-src')).toEqual(["'self'", "'unsafe-inline'"]);
    expect(dev.get('connect-src')).toEqual(["'self'", 'ws://localhost:5173']);
    expect(dev.get('object-src')).toEqual(["'none'"]);
    expect(dev.get('default-src')).toEqual(["'self'"]);
    expect(directives(contentSecurityPolicy('https://127.0.0.1:8443')).get('connect-src')).toEqual(["'self'", 'wss://127.0.0.1:8443']);
  });
});

describe('isAllowedNavigation', () => {
  it('allows the packaged app page itself, with any hash or query', () => {
    expect(isAllowedNavigation(FILE_APP, FILE_APP)).toBe(true);
    expect(isAllowedNavigation(`${FILE_APP}#/mail/inbox`, FILE_APP)).toBe(true);
    expect(isAllowedNavigation(`${FILE_APP}?reload=1`, FILE_APP)).toBe(true);
    const spaced = 'file:///home/ann/My%20Apps/PMSync/out/renderer/index.html';
    expect(isAllowedNavigation('file:///home/ann/My Apps/PMSync/out/renderer/index.html', spaced)).toBe(true);
    expect(isAllowedNavigation('file:///home/ann/My%41pps/PMSync/out/renderer/index.html', 'file:///home/ann/MyApps/PMSync/out/renderer/index.html')).toBe(true);
  });

  it('refuses other local files, even beside the app page', () => {
    expect(isAllowedNavigation('file:///etc/passwd', FILE_APP)).toBe(false);
    expect(isAllowedNavigation('file:///opt/PMSync/resources/app.asar/out/renderer/other.html', FILE_APP)).toBe(false);
    expect(isAllowedNavigation('file://evil-host/opt/PMSync/resources/app.asar/out/renderer/index.html', FILE_APP)).toBe(false);
  });

  it('allows the dev server origin only', () => {
    expect(isAllowedNavigation('http://localhost:5173/', DEV_APP)).toBe(true);
    expect(isAllowedNavigation('http://localhost:5173/some/route?x=1', DEV_APP)).toBe(true);
    expect(isAllowedNavigation('http://localhost:5174/', DEV_APP)).toBe(false);
    expect(isAllowedNavigation('https://localhost:5173/', DEV_APP)).toBe(false);
    expect(isAllowedNavigation('http://127.0.0.1:5173/', DEV_APP)).toBe(false);
  });

  it('refuses the web, script, data and malformed URLs', () => {
    for (const url of ['https://example.com/', 'javascript:alert(1)', 'data:text/html,<script>x</script>', 'about:blank', '', 'not a url', 'chrome://settings']) {
      expect(isAllowedNavigation(url, FILE_APP), url).toBe(false);
      expect(isAllowedNavigation(url, DEV_APP), url).toBe(false);
    }
  });

  it('refuses everything when the app URL itself is unusable', () => {
    expect(isAllowedNavigation(FILE_APP, 'garbage')).toBe(false);
    expect(isAllowedNavigation('custom://app/index.html', 'custom://app/index.html')).toBe(false);
  });
});

describe('isAllowedFrameNavigation', () => {
  it('allows the documents the app makes for mail bodies', () => {
    expect(isAllowedFrameNavigation('about:blank', FILE_APP)).toBe(true);
    expect(isAllowedFrameNavigation('about:srcdoc', FILE_APP)).toBe(true);
    expect(isAllowedFrameNavigation('blob:file:///6f1c2a4e-0000-4000-8000-000000000000', FILE_APP)).toBe(true);
    expect(isAllowedFrameNavigation('blob:http://localhost:5173/6f1c2a4e-0000-4000-8000-000000000000', DEV_APP)).toBe(true);
    expect(isAllowedFrameNavigation(FILE_APP, FILE_APP)).toBe(true);
  });

  it('refuses a mail frame going to the web or to foreign blobs', () => {
    expect(isAllowedFrameNavigation('https://tracker.example/pixel', FILE_APP)).toBe(false);
    expect(isAllowedFrameNavigation('blob:https://evil.example/6f1c2a4e', DEV_APP)).toBe(false);
    expect(isAllowedFrameNavigation('blob:null/6f1c2a4e', FILE_APP)).toBe(false);
    expect(isAllowedFrameNavigation('blob:garbage', FILE_APP)).toBe(false);
    expect(isAllowedFrameNavigation('javascript:alert(1)', FILE_APP)).toBe(false);
    expect(isAllowedFrameNavigation('data:text/html,hi', FILE_APP)).toBe(false);
    expect(isAllowedFrameNavigation('about:config', FILE_APP)).toBe(false);
  });
});

describe('isSafeExternalUrl', () => {
  it('accepts web pages and mail addresses', () => {
    for (const url of ['https://example.com/', 'http://example.com/path?q=1#x', 'mailto:ann@example.com', 'mailto:ann@example.com?subject=Hi%20there', 'HTTPS://EXAMPLE.COM/']) {
      expect(isSafeExternalUrl(url), url).toBe(true);
    }
  });

  it('refuses script, file, data, custom schemes and malformed input', () => {
    const refused = [
      'javascript:alert(1)',
      'JavaScript:alert(1)',
      ' javascript:alert(1)',
      'file:///etc/passwd',
      'file://server/share/x.exe',
      'data:text/html,<script>alert(1)</script>',
      'vbscript:msgbox(1)',
      'smb://server/share',
      'ms-msdt:/id PCWDiagnostic',
      'search-ms:query=x',
      'slack://open',
      'ftp://example.com/',
      'about:blank',
      'blob:https://example.com/uuid',
      'not a url',
      '',
      '//example.com/',
      'https://',
      `https://example.com/${'a'.repeat(40_000)}`,
    ];
    for (const url of refused) expect(isSafeExternalUrl(url), url).toBe(false);
  });

  it('refuses web URLs with credentials in them', () => {
    expect(isSafeExternalUrl('https://bank.example@evil.example/')).toBe(false);
    expect(isSafeExternalUrl('https://user:pass@example.com/')).toBe(false);
  });

  it('refuses values that are not strings', () => {
    expect(safeExternalUrl(undefined)).toBeNull();
    expect(safeExternalUrl(42)).toBeNull();
    expect(safeExternalUrl({ toString: () => 'https://example.com/' })).toBeNull();
  });

  it('returns the normalized URL to open', () => {
    expect(safeExternalUrl('HTTPS://Example.COM')).toBe('https://example.com/');
    expect(safeExternalUrl('https://example.com/a b')).toBe('https://example.com/a%20b');
  });
});

describe('permissions', () => {
  const ask = (permission: string, requestingUrl: string | undefined = FILE_APP, isMainFrame = true) => ({ permission, requestingUrl, isMainFrame });

  it('allows only notifications and sanitized clipboard writes, for the app page', () => {
    expect([...ALLOWED_PERMISSIONS].sort()).toEqual(['clipboard-sanitized-write', 'notifications']);
    expect(isPermissionAllowed(ask('notifications'), FILE_APP)).toBe(true);
    expect(isPermissionAllowed(ask('clipboard-sanitized-write'), FILE_APP)).toBe(true);
    expect(isPermissionAllowed(ask('notifications', DEV_APP), DEV_APP)).toBe(true);
  });

  it('denies every other permission', () => {
    for (const permission of ['media', 'geolocation', 'clipboard-read', 'fullscreen', 'pointerLock', 'openExternal', 'midi', 'midiSysex', 'hid', 'serial', 'usb', 'display-capture', 'mediaKeySystem', 'idle-detection', 'window-management', 'fileSystem', 'unknown', '']) {
      expect(isPermissionAllowed(ask(permission), FILE_APP), permission).toBe(false);
    }
  });

  it('denies allowed permissions to subframes, foreign pages and unknown requesters', () => {
    expect(isPermissionAllowed(ask('notifications', FILE_APP, false), FILE_APP)).toBe(false);
    expect(isPermissionAllowed(ask('notifications', 'https://evil.example/'), FILE_APP)).toBe(false);
    expect(isPermissionAllowed(ask('notifications', 'about:srcdoc'), FILE_APP)).toBe(false);
    expect(isPermissionAllowed({ permission: 'notifications', requestingUrl: undefined, isMainFrame: true }, FILE_APP)).toBe(false);
  });
});

describe('windowOpenDecision', () => {
  it('always denies a new window and opens safe links externally', () => {
    expect(windowOpenDecision('https://example.com/x')).toEqual({ response: { action: 'deny' }, openExternal: 'https://example.com/x' });
    expect(windowOpenDecision('mailto:bob@example.com')).toEqual({ response: { action: 'deny' }, openExternal: 'mailto:bob@example.com' });
  });

  it('denies and opens nothing for unsafe targets', () => {
    for (const url of ['javascript:alert(1)', 'file:///etc/passwd', FILE_APP, 'about:blank', 'garbage']) {
      expect(windowOpenDecision(url), url).toEqual({ response: { action: 'deny' }, openExternal: null });
    }
  });
});
