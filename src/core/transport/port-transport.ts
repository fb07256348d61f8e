import type { ClientTransport } from '../../shared/api/client';
import type { WireMessage } from '../../shared/api/contract';
import { toErrorData } from '../../shared/errors';
import type { Dispatch } from '../api/dispatch';
import type { EventHub } from '../events';
import { answer, parseWireRequest } from './wire';

/**
 * What both Electron's MessagePortMain (utility process) and Node's worker_threads MessagePort
 * offer. Electron delivers `{ data, ports }` events; Node delivers the value itself.
 */
export interface MessagePortLike {
  postMessage(message: unknown): void;
  on(event: 'message' | 'close', listener: (value: unknown) => void): unknown;
  off(event: 'message' | 'close', listener: (value: unknown) => void): unknown;
  start?(): void;
  close(): void;
}

/** Electron wraps each message as a MessageEvent-like `{ data, ports }`; Node does not. */
function messageData(value: unknown): unknown {
  if (typeof value === 'object' && value !== null && 'data' in value && 'ports' in value && Array.isArray(value.ports)) {
    return value.data;
  }
  return value;
}

export interface ServedPort {
  /** Stops serving; also runs by itself when the other side closes the port. */
  close(): void;
}

/** Serves the API on one port: requests in, responses and every core event out. */
export function servePort(port: MessagePortLike, deps: { dispatch: Dispatch; events: EventHub; onStopped?: () => void }): ServedPort {
  let open = true;
  const post = (message: WireMessage) => {
    if (open) port.postMessage(message);
  };

  const onMessage = (value: unknown) => {
    const request = parseWireRequest(messageData(value));
    if (!request) return; // Only requests flow client → core; anything else is dropped.
    void answer(deps.dispatch, request).then((response) => {
      try {
        post(response);
      } catch (err) {
        // A value that cannot be structured-cloned must still settle the caller's promise.
        post({ type: 'response', id: request.id, ok: false, error: toErrorData(err) });
      }
    });
  };
  const offEvents = deps.events.onAny((event, payload) => post({ type: 'event', event, payload }));
  const stop = () => {
    if (!open) return;
    open = false;
    offEvents();
    port.off('message', onMessage);
    port.off('close', stop);
    deps.onStopped?.();
  };

  port.on('message', onMessage);
  port.on('close', stop);
  port.start?.();
  return {
    close() {
      stop();
      port.close();
    },
  };
}

/** The client end over a port (tests, and any Node-side caller holding a port to the core). */
export function createPortClientTransport(port: MessagePortLike): ClientTransport & { close(): void } {
  const listeners = new Set<(message: WireMessage) => void>();
  const closeListeners = new Set<(reason: string) => void>();
  const onMessage = (value: unknown) => {
    const message = messageData(value) as WireMessage;
    for (const listener of [...listeners]) listener(message);
  };
  const onClose = () => {
    for (const listener of [...closeListeners]) listener('port closed');
  };
  port.on('message', onMessage);
  port.on('close', onClose);
  port.start?.();
  return {
    send: (message) => port.postMessage(message),
    onMessage(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    onClose(listener) {
      closeListeners.add(listener);
      return () => closeListeners.delete(listener);
    },
    close() {
      port.off('message', onMessage);
      port.off('close', onClose);
      port.close();
    },
  };
}
