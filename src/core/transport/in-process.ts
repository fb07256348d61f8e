import type { ClientTransport } from '../../shared/api/client';
import type { WireMessage, WireRequest } from '../../shared/api/contract';
import { answer } from './wire';
import type { Unsubscribe } from '../../shared/api/index';
import type { EventHub } from '../events';
import type { Dispatch } from '../api/dispatch';

/**
 * A ClientTransport wired straight to the dispatcher and the EventHub, so the CLI and tests
 * speak to the core through createApiClient() exactly as the UI does. The hub subscription
 * exists only while someone listens, so a disposed client leaves no listener behind.
 */
export function createInProcessTransport(dispatch: Dispatch, events: EventHub): ClientTransport {
  const listeners = new Set<(message: WireMessage) => void>();
  let offEvents: Unsubscribe | null = null;

  const deliver = (message: WireMessage) => {
    for (const listener of [...listeners]) listener(message);
  };

  return {
    send(request: WireRequest) {
      void answer(dispatch, request).then(deliver);
    },
    onMessage(listener) {
      listeners.add(listener);
      offEvents ??= events.onAny((event, payload) => deliver({ type: 'event', event, payload }));
      return () => {
        listeners.delete(listener);
        if (listeners.size === 0 && offEvents) {
          offEvents();
          offEvents = null;
        }
      };
    },
  };
}
