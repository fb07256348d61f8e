import type { WebPreferences } from 'electron';

/**
 * The shell's security policy as plain data and pure decisions. Nothing here imports electron at
 * runtime, so every rule is unit-tested as data (window-options.test.ts); `security.ts` only
 * plugs these decisions into Electron's hooks.
 */

/** Every window runs sandboxed, isolated, without Node: the renderer is treated as a web page. */
export function hardenedWebPreferences(preloadPath: string): WebPreferences {
  return {
    preload: preloadPath,
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
  };
}

/**
 * The production CSP. Remote images are allowed by scheme (mail needs them once the user allows
 * remote content; the renderer's sanitizer decides per message); scripts, connections and
 * plugins are local only. Inline styles are needed by the calendar (FullCalendar) and mail HTML.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob: https: http:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "frame-src 'self' blob: about:",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

/**
 * The CSP for a response. With the Vite dev server the page needs its inline React-refresh
 * preamble and the HMR WebSocket; a packaged app never gets those relaxations.
 */
export function contentSecurityPolicy(devServerUrl?: string): string {
  if (!devServerUrl) return CONTENT_SECURITY_POLICY;
  const dev = parseUrl(devServerUrl);
  if (!dev || (dev.protocol !== 'http:' && dev.protocol !== 'https:')) return CONTENT_SECURITY_POLICY;
  const hmr = `${dev.protocol === 'https:' ? 'wss:' : 'ws:'}//${dev.host}`;
  return CONTENT_SECURITY_POLICY
    .replace("script-src 'self'", "script-src 'self' 'unsafe-inline'")
    .replace("connect-src 'self'", `connect-src 'self' ${hmr}`);
}

function parseUrl(url: unknown): URL | null {
  if (typeof url !== 'string' || url.length > MAX_URL_LENGTH) return null;
  try {
    return new URL(url);
  } catch {
    return null;
  }
}

/** File URLs of one path may differ in percent-encoding (`loadFile` vs `pathToFileURL`). */
function decodedPath(url: URL): string {
  try {
    return decodeURIComponent(url.pathname);
  } catch {
    return url.pathname;
  }
}

/** Longer URLs are refused outright: nothing legitimate in a mail link needs more. */
export const MAX_URL_LENGTH = 32 * 1024;

/**
 * May the top frame go to `url`? Only to the app itself: the same file (packaged) or the same
 * dev-server origin. Everything else — a link in a mail, a redirect, a drop of a file — is
 * refused; safe links are opened in the user's browser instead.
 */
export function isAllowedNavigation(url: string, appUrl: string): boolean {
  const target = parseUrl(url);
  const app = parseUrl(appUrl);
  if (!target || !app) return false;
  if (app.protocol === 'file:') {
    return target.protocol === 'file:' && target.host === app.host && decodedPath(target) === decodedPath(app);
  }
  if (app.protocol === 'http:' || app.protocol === 'https:') {
    return target.origin === app.origin;
  }
  return false;
}

/**
 * May a subframe (the sandboxed iframe showing a mail body) go to `url`? Only to documents the
 * app itself makes: about:blank / about:srcdoc, blob: URLs the app created, or the app's own
 * pages. A mail can never navigate its frame to the web.
 */
export function isAllowedFrameNavigation(url: string, appUrl: string): boolean {
  if (url === 'about:blank' || url === 'about:srcdoc') return true;
  const target = parseUrl(url);
  const app = parseUrl(appUrl);
  if (!target || !app) return false;
  if (target.protocol === 'blob:') {
    // A blob URL embeds its creator's origin: `blob:http://localhost:5173/uuid`, `blob:file:///uuid`.
    const creator = parseUrl(url.slice('blob:'.length));
    if (!creator) return false;
    if (app.protocol === 'file:') return creator.protocol === 'file:' && creator.host === app.host;
    return creator.origin === app.origin;
  }
  return isAllowedNavigation(url, appUrl);
}

const EXTERNAL_SCHEMES = new Set(['http:', 'https:', 'mailto:']);

/**
 * May `url` be handed to the OS (shell.openExternal)? Only web pages and mail addresses.
 * javascript:, file:, data:, smb:, custom app schemes and malformed URLs are refused, as are
 * web URLs carrying credentials (`https://bank.example@evil.example/` is a phishing classic).
 */
export function isSafeExternalUrl(url: string): boolean {
  return safeExternalUrl(url) !== null;
}

/** The normalized URL to open, or null when it is not safe. Open this, never the raw string. */
export function safeExternalUrl(url: unknown): string | null {
  const parsed = parseUrl(url);
  if (!parsed || !EXTERNAL_SCHEMES.has(parsed.protocol)) return null;
  if (parsed.protocol === 'mailto:') return parsed.href;
  if (!parsed.hostname || parsed.username || parsed.password) return null;
  return parsed.href;
}

/**
 * Permissions the page may hold. Deny by default. Allowed:
 * - `notifications`: new-mail notifications from the window (the HTML Notification API);
 * - `clipboard-sanitized-write`: "copy address/link" buttons; write-only and sanitized.
 * Camera, microphone, geolocation, MIDI, HID/serial/USB, clipboard read, fullscreen, pointer
 * lock, openExternal (we route links through main's own check) … are all refused.
 * Only the app's own top-level page gets them, never a mail body frame or a foreign origin.
 */
export const ALLOWED_PERMISSIONS: ReadonlySet<string> = new Set(['notifications', 'clipboard-sanitized-write']);

export interface PermissionAsk {
  permission: string;
  /** Missing on some permission checks: then the answer is no. */
  requestingUrl: string | undefined;
  isMainFrame: boolean;
}

export function isPermissionAllowed(ask: PermissionAsk, appUrl: string): boolean {
  if (!ALLOWED_PERMISSIONS.has(ask.permission) || !ask.isMainFrame || ask.requestingUrl === undefined) return false;
  return isAllowedNavigation(ask.requestingUrl, appUrl);
}

export interface WindowOpenDecision {
  /** Always deny: the app never opens a second Electron window for content. */
  response: { action: 'deny' };
  /** The normalized URL to open in the user's browser / mail handler, when it is safe. */
  openExternal: string | null;
}

export function windowOpenDecision(url: string): WindowOpenDecision {
  return { response: { action: 'deny' }, openExternal: safeExternalUrl(url) };
}
