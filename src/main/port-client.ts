import type { ClientTransport } from '../shared/api/client';
import type { WireMessage, WireRequest } from '../shared/api/contract';

/**
 * The part of Electron's MessagePortMain main uses. Electron delivers `{ data, ports }` events
 * and emits 'close' when the core's end goes away.
 */
export interface MainPortLike {
  postMessage(message: WireRequest): void;
  on(event: 'message', listener: (event: { data: unknown }) => void): unknown;
  on(event: 'close', listener: () => void): unknown;
  start(): void;
  close(): void;
}

/** A ClientTransport over main's own port to the core (for the tray count and notifications). */
export function createMainPortTransport(port: MainPortLike): ClientTransport & { close(): void } {
  const listeners = new Set<(message: WireMessage) => void>();
  const closeListeners = new Set<(reason: string) => void>();
  let closed = false;

  port.on('message', (event) => {
    for (const listener of [...listeners]) listener(event.data as WireMessage);
  });
  port.on('close', () => {
    if (closed) return;
    closed = true;
    for (const listener of [...closeListeners]) listener('the core closed the connection');
  });
  port.start();

  return {
    send(message) {
      if (!closed) port.postMessage(message);
    },
    onMessage(listener) {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
    onClose(listener) {
      closeListeners.add(listener);
      return () => {
        closeListeners.delete(listener);
      };
    },
    close() {
      closed = true;
      port.close();
    },
  };
}
