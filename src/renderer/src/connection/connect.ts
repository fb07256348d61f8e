import { createApiClient, type ClientTransport, type ConnectedClient } from '../../../shared/api/client';
import type { PreloadBridge } from '../../../shared/host-protocol';
import { apiSocketUrl, findToken, TOKEN_STORAGE_KEY } from './token';
import { CONNECTION_REFUSED, websocketTransport } from './websocket-transport';

declare global {
  interface Window {
    /** Present only inside the Electron shell (exposed by the preload). */
    pmsync?: PreloadBridge;
  }
}

export type Connection =
  | { kind: 'connected'; client: ConnectedClient; mode: 'electron' | 'browser'; onLost(listener: (reason: string) => void): () => void }
  | { kind: 'no-token' };

function readStoredToken(): string | null {
  try {
    return sessionStorage.getItem(TOKEN_STORAGE_KEY);
  } catch {
    return null; // Storage can be disabled; the URL token still works for this load.
  }
}

function storeToken(token: string): void {
  try {
    sessionStorage.setItem(TOKEN_STORAGE_KEY, token);
  } catch {
    // Without storage a reload needs the printed URL again; nothing else breaks.
  }
}

function forgetToken(): void {
  try {
    sessionStorage.removeItem(TOKEN_STORAGE_KEY);
  } catch {
    // Nothing stored, nothing to forget.
  }
}

/** Electron hands us a bridge; the browser gets a token in the URL and opens a WebSocket. */
export function connect(): Connection {
  const bridge = window.pmsync;
  if (bridge) {
    const transport: ClientTransport = { send: (m) => bridge.send(m), onMessage: (l) => bridge.onMessage(l) };
    return { kind: 'connected', client: createApiClient(transport), mode: 'electron', onLost: () => () => undefined };
  }

  const { token, cleanedUrl } = findToken(location.href, readStoredToken());
  if (!token) return { kind: 'no-token' };
  storeToken(token);
  if (cleanedUrl !== null) history.replaceState(history.state, '', cleanedUrl);

  const socket = new WebSocket(apiSocketUrl(location.host, token));
  const transport = websocketTransport(socket);
  return {
    kind: 'connected',
    client: createApiClient(transport),
    mode: 'browser',
    onLost: (listener) =>
      transport.onClose?.((reason) => {
        // Every `pmsync serve` run makes a new token: one that never connected is useless now.
        if (reason === CONNECTION_REFUSED) forgetToken();
        listener(reason);
      }) ?? (() => undefined),
  };
}
