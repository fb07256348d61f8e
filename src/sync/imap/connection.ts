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

  async acquire(): Promise<() => void> {
    if (this.active >= this.max) await new Promise<void>((resolve) => this.waiting.push(resolve));
    else this.active++;
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

  static async open(
    account: ImapAccountConfig, limiter: ConnectionLimiter, timeouts: ConnectionTimeouts,
    log: SyncLog, purpose: string,
  ): Promise<ImapConnection> {
    const release = await limiter.acquire();
    const client = new ImapFlow({
      host: account.host,
      port: account.port,
      secure: account.security === 'tls',
      doSTARTTLS: account.security === 'starttls' ? true : account.security === 'none' ? false : undefined,
      servername: account.servername,
      tls: account.ca ? { ca: account.ca } : undefined,
      auth: { user: account.user, pass: account.password },
      logger: imapflowLogger(log, purpose),
      qresync: true,
      disableAutoIdle: true,
      connectionTimeout: timeouts.connectMs,
      greetingTimeout: timeouts.greetingMs,
      socketTimeout: timeouts.socketMs,
      clientInfo: { name: 'PMSync' },
    });
    const connection = new ImapConnection(client, release);
    try {
      await client.connect();
    } catch (err) {
      client.close();
      release();
      throw err;
    }
    return connection;
  }

  get usable(): boolean {
    return this.client.usable;
  }

  /** LOGOUT when possible, otherwise drop the socket; never throws. */
  async close(): Promise<void> {
    if (this.client.usable) {
      await Promise.race([this.client.logout().catch(() => this.client.close()), delay(2_000)]);
    }
    this.client.close();
    await this.closed;
  }
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
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
