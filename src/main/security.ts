import { app, ipcMain, shell, type Session } from 'electron';
import { OPEN_EXTERNAL_CHANNEL } from '../shared/host-protocol';
import { createLogger } from './logger';
import {
  contentSecurityPolicy,
  isAllowedFrameNavigation,
  isAllowedNavigation,
  isPermissionAllowed,
  safeExternalUrl,
  windowOpenDecision,
} from './window-options';

const log = createLogger('security');

/** Opens a link in the user's browser or mail handler, only when the allow-list says so. */
export function openExternalSafely(url: unknown): void {
  const safe = safeExternalUrl(url);
  if (!safe) {
    log.warn('refused to open a link that is not http(s) or mailto');
    return;
  }
  shell.openExternal(safe).catch((err: unknown) => log.warn(`could not open a link: ${err instanceof Error ? err.message : String(err)}`));
}

/**
 * Wires window-options.ts's decisions into the session and every web contents. Called once, on
 * ready, before any window exists. `appUrl` is the page the app loads (file:// or dev server).
 */
export function installSecurityPolicy(session: Session, options: { appUrl: string; devServerUrl?: string }): void {
  const { appUrl } = options;
  const csp = contentSecurityPolicy(options.devServerUrl);

  // Header CSP for documents; index.html carries the same policy as a <meta> for file:// loads.
  session.webRequest.onHeadersReceived((details, callback) => {
    if (details.resourceType !== 'mainFrame' && details.resourceType !== 'subFrame') {
      callback({});
      return;
    }
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [csp] } });
  });

  session.setPermissionRequestHandler((_contents, permission, callback, details) => {
    const allowed = isPermissionAllowed({ permission, requestingUrl: details.requestingUrl, isMainFrame: details.isMainFrame }, appUrl);
    if (!allowed) log.info(`denied permission request: ${permission}`);
    callback(allowed);
  });
  session.setPermissionCheckHandler((_contents, permission, _origin, details) =>
    isPermissionAllowed({ permission, requestingUrl: details.requestingUrl, isMainFrame: details.isMainFrame }, appUrl),
  );
  // HID, serial and USB devices: never.
  session.setDevicePermissionHandler(() => false);

  app.on('web-contents-created', (_event, contents) => {
    contents.on('will-navigate', (event) => {
      if (isAllowedNavigation(event.url, appUrl)) return;
      event.preventDefault();
      // A plain link click in the app page: show it in the browser instead (if it is safe).
      openExternalSafely(event.url);
    });
    contents.on('will-redirect', (event) => {
      if (event.isMainFrame ? isAllowedNavigation(event.url, appUrl) : isAllowedFrameNavigation(event.url, appUrl)) return;
      log.warn('blocked a redirect away from the app');
      event.preventDefault();
    });
    contents.on('will-frame-navigate', (event) => {
      if (event.isMainFrame) return; // handled by will-navigate
      if (isAllowedFrameNavigation(event.url, appUrl)) return;
      log.warn('blocked a frame navigating away from the app');
      event.preventDefault();
    });
    contents.setWindowOpenHandler(({ url }) => {
      const decision = windowOpenDecision(url);
      if (decision.openExternal) openExternalSafely(decision.openExternal);
      return decision.response;
    });
    contents.on('will-attach-webview', (event) => {
      log.warn('blocked a <webview>');
      event.preventDefault();
    });
  });

  ipcMain.on(OPEN_EXTERNAL_CHANNEL, (event, url: unknown) => {
    // Only the app's own page may ask; a frame showing mail never gets here (no preload there).
    const senderUrl = event.senderFrame?.url;
    if (!senderUrl || !isAllowedNavigation(senderUrl, appUrl)) {
      log.warn('refused an open-external request from a foreign frame');
      return;
    }
    openExternalSafely(url);
  });
}
