import { ImapFlow, type Logger } from 'imapflow';
import type { ImapAccountConfig, LogLevel, SyncLog } from './account';

/** Caps live connections per account; servers refuse or throttle clients that open too many. */
export class ConnectionLimiter {
  private active = 0;
  private readonly waiting: (() => void)[] = [];
  /** Highest number of connections open at once, for tests and diagnostics. */
  peak = 0;

  constructor(readonly max: number) {
    if (max < 1) throw new RangeError('max connections must be at least 1');
  }

  /** Waits for a free slot; rejects (taking no slot) when `signal` aborts first. */
  async acquire(signal?: AbortSignal): Promise<() => void> {
    if (signal?.aborted) throw stoppedError();
    if (this.active >= this.max) {
      await new Promise<void>((resolve, reject) => {
        const onAbort = (): void => {
          const at = this.waiting.indexOf(grant);
          if (at !== -1) this.waiting.splice(at, 1);
          reject(stoppedError());
        };
        const grant = (): void => {
          signal?.removeEventListener('abort', onAbort);
          resolve();
        };
        this.waiting.push(grant);
        signal?.addEventListener('abort', onAbort, { once: true });
      });
    } else this.active++;
    this.peak = Math.max(this.peak, this.active);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const next = this.waiting.shift();
      if (next) next();
      else this.active--;
    };
  }

  get inUse(): number {
    return this.active;
  }
}

export interface ConnectionTimeouts {
  connectMs: number;
  greetingMs: number;
  /** Inactivity on an open socket (a stalled server) after which the connection is dropped. */
  socketMs: number;
}

export const defaultTimeouts: ConnectionTimeouts = { connectMs: 30_000, greetingMs: 16_000, socketMs: 5 * 60_000 };

/** One live ImapFlow session. imapflow never reconnects by itself: each reconnect is a new one. */
/** ImapFlow settings for an account: TLS mode, CA, login and timeouts. One place for every connection. */
export function imapFlowOptions(account: ImapAccountConfig, timeouts: ConnectionTimeouts, logger: Logger | false): ConstructorParameters<typeof ImapFlow>[0] {
  return {
    host: account.host,
    port: account.port,
    secure: account.security === 'tls',
    doSTARTTLS: account.security === 'starttls' ? true : account.security === 'none' ? false : undefined,
    servername: account.servername,
    tls: account.ca ? { ca: account.ca } : undefined,
    auth: { user: account.user, pass: account.password },
    logger,
    disableAutoIdle: true,
    connectionTimeout: timeouts.connectMs,
    greetingTimeout: timeouts.greetingMs,
    socketTimeout: timeouts.socketMs,
    clientInfo: { name: 'PMSync' },
  };
}

export class ImapConnection {
  /** Resolves when the socket is gone, for whatever reason. */
  readonly closed: Promise<void>;
  lastError: Error | undefined;
  private markClosed!: () => void;

  private constructor(readonly client: ImapFlow, private readonly release: () => void) {
    this.closed = new Promise((resolve) => (this.markClosed = resolve));
    // Without an 'error' listener an async socket failure would crash the whole process.
    client.on('error', (err: Error) => {
      this.lastError = err;
    });
    client.on('close', () => {
      this.release();
      this.markClosed();
    });
  }

  /**
   * Connects and logs in. `signal` (the engine stopping) ends a wait for a slot or a connect in
   * flight at once, instead of after the connect/greeting timeouts.
   */
  static async open(
    account: ImapAccountConfig, limiter: ConnectionLimiter, timeouts: ConnectionTimeouts,
    log: SyncLog, purpose: string, signal?: AbortSignal,
  ): Promise<ImapConnection> {
    const release = await limiter.acquire(signal);
    const client = new ImapFlow({ ...imapFlowOptions(account, timeouts, imapflowLogger(log, purpose)), qresync: true });
    const connection = new ImapConnection(client, release);
    let onAbort: (() => void) | undefined;
    try {
      if (signal?.aborted) throw stoppedError();
      const aborted = new Promise<never>((_resolve, reject) => {
        onAbort = () => reject(stoppedError());
        signal?.addEventListener('abort', onAbort, { once: true });
      });
      await Promise.race([client.connect(), aborted]);
    } catch (err) {
      client.close();
      release();
      throw err;
    } finally {
      if (onAbort) signal?.removeEventListener('abort', onAbort);
    }
    return connection;
  }

  get usable(): boolean {
    return this.client.usable;
  }

  /**
   * LOGOUT when possible, otherwise drop the socket; never throws. A stalled server gets
   * `logoutMs` to answer LOGOUT (stop() must stay quick), then the socket is dropped.
   */
  async close(logoutMs = LOGOUT_GRACE_MS): Promise<void> {
    if (this.client.usable && logoutMs > 0) {
      let grace: NodeJS.Timeout | undefined;
      await Promise.race([
        this.client.logout().catch(() => this.client.close()),
        new Promise<void>((resolve) => (grace = setTimeout(resolve, logoutMs))),
      ]);
      clearTimeout(grace);
    }
    this.client.close();
    await this.closed;
  }

  /** Drops the socket now: every command in flight on it fails at once. */
  destroy(): void {
    this.client.close();
  }
}

/** How long a polite LOGOUT may take before the socket is simply dropped. */
export const LOGOUT_GRACE_MS = 700;

/** Thrown into a connect or slot wait that the engine's stop() cut short; never shown as a failure. */
export function stoppedError(): Error {
  return Object.assign(new Error('stopped'), { code: 'EConnectionClosed', stopped: true });
}

/** Routes imapflow's structured logs to our logger (already redacted by the caller's SyncLog). */
function imapflowLogger(log: SyncLog, purpose: string): Logger {
  const at = (level: LogLevel) => (entry: unknown) => {
    const { msg, err, cid } = (entry ?? {}) as { msg?: unknown; err?: { message?: unknown }; cid?: unknown };
    const detail = err && typeof err.message === 'string' ? `: ${err.message}` : '';
    log(level, `imap[${purpose}${typeof cid === 'string' ? ' ' + cid : ''}] ${String(msg ?? '')}${detail}`);
  };
  return { debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') };
}
