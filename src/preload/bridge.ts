import type { WireMessage, WireRequest } from '../shared/api/contract';
import type { PreloadBridge } from '../shared/host-protocol';
import type { ShellCommand } from '../shared/ipc-channels';

/**
 * The gate between the page and the core, as a pure factory (no electron import) so the
 * allow-list is unit-tested. `index.ts` wires it to ipcRenderer and contextBridge.
 *
 * Only well-formed API requests go out; the core still validates every input with the contract.
 */

/** The DOM MessagePort surface the preload uses (what main transfers on PORT_CHANNEL). */
export interface PortLike {
  postMessage(message: unknown): void;
  addEventListener(type: 'message', listener: (event: { data: unknown }) => void): void;
  /** Needed with addEventListener: messages queue on the port until it is started. */
  start(): void;
}

export interface BridgeHost {
  /** Asks main to open a link; main applies its own allow-list before anything opens. */
  openExternal(url: string): void;
  /** Reports a dropped message (development aid); must not throw. */
  warn?(message: string): void;
}

/** Requests sent before the port arrives wait here; past this many the page is misbehaving. */
export const MAX_QUEUED_REQUESTS = 1000;
const METHOD_NAME = /^[A-Za-z][A-Za-z0-9]*\.[A-Za-z][A-Za-z0-9]*$/;
const MAX_METHOD_LENGTH = 100;

/**
 * A copy of `value` reduced to the request fields when it is `{type:'request', id, method}`
 * with an integer id and a `domain.verb` method name; otherwise null. Extra fields are dropped.
 */
export function toWireRequest(value: unknown): WireRequest | null {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return null;
  const candidate = value as Record<string, unknown>;
  if (candidate.type !== 'request') return null;
  const { id, method } = candidate;
  if (typeof id !== 'number' || !Number.isSafeInteger(id)) return null;
  if (typeof method !== 'string' || method.length > MAX_METHOD_LENGTH || !METHOD_NAME.test(method)) return null;
  return { type: 'request', id, method, input: candidate.input };
}

const positiveId = (v: unknown): v is number => typeof v === 'number' && Number.isSafeInteger(v) && v > 0;

/** A fresh copy of `value` when it is a command main may send (open-thread / open-inbox / open-event); otherwise null. */
export function toShellCommand(value: unknown): ShellCommand | null {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return null;
  const c = value as Record<string, unknown>;
  if (c.type === 'open-thread' && positiveId(c.accountId) && positiveId(c.threadId)) return { type: 'open-thread', accountId: c.accountId, threadId: c.threadId };
  if (c.type === 'open-inbox' && positiveId(c.accountId)) return { type: 'open-inbox', accountId: c.accountId };
  if (c.type === 'open-event' && positiveId(c.eventId) && typeof c.instanceStart === 'number' && Number.isSafeInteger(c.instanceStart)) {
    return { type: 'open-event', eventId: c.eventId, instanceStart: c.instanceStart };
  }
  return null;
}

export interface PortBridge {
  /** What the page sees as `window.pmsync`. */
  bridge: PreloadBridge;
  /** Called once, when main hands over the port to the core. */
  attachPort(port: PortLike): void;
  /** Called for each message main sends on SHELL_COMMAND_CHANNEL. */
  deliverShellCommand(value: unknown): void;
}

export function createPortBridge(host: BridgeHost): PortBridge {
  let port: PortLike | null = null;
  const queue: WireRequest[] = [];
  const listeners = new Set<(message: WireMessage) => void>();
  const shellListeners = new Set<(command: ShellCommand) => void>();
  /**
   * A click that arrives before the page listens (the window was just re-created) waits here.
   * It goes out in a microtask, to every listener the page has subscribed by then: the page has
   * one listener per kind of command (mail, calendar), all subscribed in one React commit, and a
   * command handed to whichever subscribed first would be lost when it is another kind's.
   */
  let pendingShellCommand: ShellCommand | null = null;
  let pendingFlushQueued = false;
  const flushPending = () => {
    pendingFlushQueued = false;
    const command = pendingShellCommand;
    if (!command || shellListeners.size === 0) return; // everyone unsubscribed meanwhile: keep waiting
    pendingShellCommand = null;
    for (const listener of [...shellListeners]) callShellListener(listener, command);
  };
  const warn = (message: string) => {
    try {
      host.warn?.(message);
    } catch {
      // A warning must never break the gate.
    }
  };

  const deliver = (data: unknown) => {
    // The core is trusted; the page's client ignores what it does not understand.
    for (const listener of [...listeners]) {
      try {
        listener(data as WireMessage);
      } catch (err) {
        warn(`pmsync: a message listener threw: ${err instanceof Error ? err.message : String(err)}`);
      }
    }
  };

  const bridge: PreloadBridge = {
    send(message) {
      const request = toWireRequest(message);
      if (!request) {
        warn('pmsync: dropped a message that is not an API request');
        return;
      }
      if (port) {
        port.postMessage(request);
      } else if (queue.length < MAX_QUEUED_REQUESTS) {
        queue.push(request);
      } else {
        warn('pmsync: dropped a request: too many waiting for the connection to the core');
      }
    },
    onMessage(listener) {
      if (typeof listener !== 'function') return () => undefined;
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
    openExternal(url) {
      if (typeof url !== 'string') return;
      host.openExternal(url);
    },
    onShellCommand(listener) {
      if (typeof listener !== 'function') return () => undefined;
      shellListeners.add(listener);
      if (pendingShellCommand && !pendingFlushQueued) {
        pendingFlushQueued = true;
        queueMicrotask(flushPending);
      }
      return () => {
        shellListeners.delete(listener);
      };
    },
  };

  function callShellListener(listener: (command: ShellCommand) => void, command: ShellCommand): void {
    try {
      listener({ ...command });
    } catch (err) {
      warn(`pmsync: a shell command listener threw: ${err instanceof Error ? err.message : String(err)}`);
    }
  }

  return {
    bridge,
    attachPort(next) {
      if (port) return; // One port per page load; a second one would split the conversation.
      port = next;
      port.addEventListener('message', (event) => deliver(event.data));
      port.start();
      for (const request of queue.splice(0)) port.postMessage(request);
    },
    deliverShellCommand(value) {
      const command = toShellCommand(value);
      if (!command) {
        warn('pmsync: dropped a shell command of unknown shape');
        return;
      }
      pendingShellCommand = null; // the latest click wins
      if (shellListeners.size === 0) {
        pendingShellCommand = command;
        return;
      }
      for (const listener of [...shellListeners]) callShellListener(listener, command);
    },
  };
}
