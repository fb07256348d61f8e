import { ApiError } from '../errors';
import type { ApiClient, EventName, EventListener, Unsubscribe } from './index';
import type { WireMessage, WireRequest } from './contract';

/** The minimum a transport provides to a client: send a message, hear messages, hear closure. */
export interface ClientTransport {
  send(message: WireRequest): void;
  onMessage(listener: (message: WireMessage) => void): Unsubscribe;
  onClose?(listener: (reason: string) => void): Unsubscribe;
}

export interface ConnectedClient {
  api: ApiClient;
  invoke(method: string, input: unknown): Promise<unknown>;
  on<N extends EventName>(event: N, listener: EventListener<N>): Unsubscribe;
  /** Rejects every pending call and drops all listeners. */
  dispose(): void;
}

/**
 * Builds the typed client over any transport. Calls are correlated by id; errors come back as
 * data and are rebuilt as ApiError carrying the method name.
 */
export function createApiClient(transport: ClientTransport): ConnectedClient {
  let nextId = 1;
  let closed: string | null = null;
  const pending = new Map<number, { method: string; resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  const listeners = new Map<string, Set<(payload: unknown) => void>>();

  const rejectAll = (reason: string) => {
    for (const [id, call] of pending) {
      call.reject(new ApiError(call.method, { code: 'TRANSPORT_CLOSED', message: `Connection to PMSync closed: ${reason}`, hint: 'Reload the window; if PMSync was stopped, start it again.' }));
      pending.delete(id);
    }
  };

  const offMessage = transport.onMessage((message) => {
    if (message.type === 'response') {
      const call = pending.get(message.id);
      if (!call) return;
      pending.delete(message.id);
      if (message.ok) call.resolve(message.value);
      else call.reject(new ApiError(call.method, { code: message.error.code as ApiError['code'], message: message.error.message, hint: message.error.hint }));
    } else if (message.type === 'event') {
      for (const listener of listeners.get(message.event) ?? []) listener(message.payload);
    }
  });
  const offClose = transport.onClose?.((reason) => {
    closed = reason;
    rejectAll(reason);
  });

  const invoke = (method: string, input: unknown): Promise<unknown> => {
    if (closed !== null) {
      return Promise.reject(new ApiError(method, { code: 'TRANSPORT_CLOSED', message: `Connection to PMSync closed: ${closed}`, hint: 'Reload the window.' }));
    }
    const id = nextId++;
    return new Promise((resolve, reject) => {
      pending.set(id, { method, resolve, reject });
      transport.send({ type: 'request', id, method, input: input ?? {} });
    });
  };

  const api = new Proxy({} as ApiClient, {
    get(_target, domain) {
      if (typeof domain !== 'string') return undefined;
      return new Proxy({}, {
        get(_t, verb) {
          if (typeof verb !== 'string') return undefined;
          return (input?: unknown) => invoke(`${domain}.${verb}`, input);
        },
      });
    },
  });

  return {
    api,
    invoke,
    on(event, listener) {
      const set = listeners.get(event) ?? new Set();
      listeners.set(event, set);
      const cb = listener as (payload: unknown) => void;
      set.add(cb);
      return () => set.delete(cb);
    },
    dispose() {
      offMessage();
      offClose?.();
      listeners.clear();
      closed = closed ?? 'client disposed';
      rejectAll(closed);
    },
  };
}
