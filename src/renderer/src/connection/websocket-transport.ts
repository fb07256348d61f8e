import type { ClientTransport } from '../../../shared/api/client';
import type { WireMessage, WireRequest } from '../../../shared/api/contract';

/** The slice of the browser WebSocket this adapter uses, so tests can hand in a fake. */
export interface SocketLike {
  readonly readyState: number;
  send(data: string): void;
  close(): void;
  addEventListener(type: 'open' | 'close' | 'error', listener: () => void): void;
  addEventListener(type: 'message', listener: (event: { data: unknown }) => void): void;
}

const OPEN = 1;

/** Close reasons: the first means the app was working; the second that it never connected. */
export const CONNECTION_LOST = 'the connection to the PMSync server was lost';
export const CONNECTION_REFUSED = 'could not reach the PMSync server, or it refused this link';

function isWireMessage(value: unknown): value is WireMessage {
  if (typeof value !== 'object' || value === null) return false;
  const type = (value as { type?: unknown }).type;
  return type === 'response' || type === 'event' || type === 'request';
}

/**
 * Adapts a WebSocket to the client transport: JSON wire messages, sends queued until the socket
 * opens, and one close notification (with a reason a person can act on).
 */
export function websocketTransport(socket: SocketLike): ClientTransport {
  const queue: string[] = [];
  const messageListeners = new Set<(m: WireMessage) => void>();
  const closeListeners = new Set<(reason: string) => void>();
  let closedReason: string | null = null;
  let opened = false;

  socket.addEventListener('open', () => {
    opened = true;
    for (const data of queue.splice(0)) socket.send(data);
  });
  socket.addEventListener('message', (event) => {
    if (typeof event.data !== 'string') return;
    let parsed: unknown;
    try {
      parsed = JSON.parse(event.data);
    } catch {
      return; // Not ours to interpret; the core only sends JSON.
    }
    if (!isWireMessage(parsed)) return;
    for (const l of messageListeners) l(parsed);
  });
  const onGone = () => {
    if (closedReason !== null) return;
    // Never opened: the server is gone or refused this link's token (a token from an earlier run).
    closedReason = opened ? CONNECTION_LOST : CONNECTION_REFUSED;
    for (const l of closeListeners) l(closedReason);
  };
  socket.addEventListener('close', onGone);
  socket.addEventListener('error', onGone);

  return {
    send(message: WireRequest) {
      const data = JSON.stringify(message);
      if (socket.readyState === OPEN) socket.send(data);
      else queue.push(data);
    },
    onMessage(listener) {
      messageListeners.add(listener);
      return () => messageListeners.delete(listener);
    },
    onClose(listener) {
      closeListeners.add(listener);
      if (closedReason !== null) listener(closedReason);
      return () => closeListeners.delete(listener);
    },
  };
}
