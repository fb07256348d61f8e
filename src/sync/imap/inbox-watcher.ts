import type { ImapConnection } from './connection';
import type { Clock } from './clock';

/**
 * Keeps IDLE running on one folder (the inbox) on its own connection and calls `onChange`
 * when the server reports new, expunged or re-flagged mail. IDLE is re-issued every
 * `restartMs` (default under 29 minutes: RFC 2177 servers may drop an IDLE after 30).
 */
export class InboxWatcher {
  /** IDLE commands issued so far. */
  idleCycles = 0;

  constructor(
    private readonly connection: ImapConnection,
    private readonly path: string,
    private readonly clock: Clock,
    private readonly restartMs: number,
    private readonly onChange: () => void,
  ) {}

  /** Runs until `signal` aborts (resolves) or the connection fails (rejects). */
  async run(signal: AbortSignal): Promise<void> {
    const client = this.connection.client;
    await client.mailboxOpen(this.path, { readOnly: true });
    const changed = (): void => this.onChange();
    client.on('exists', changed);
    client.on('expunge', changed);
    client.on('flags', changed);
    // Mail that arrived between the last sync and this SELECT raises no EXISTS event during IDLE:
    // one incremental sync of the inbox now closes that window (cheap when nothing changed).
    this.onChange();
    const breakIdle = (): void => void client.noop().catch(() => undefined);
    signal.addEventListener('abort', breakIdle, { once: true });
    try {
      while (!signal.aborted) {
        const restart = this.clock.setTimeout(breakIdle, this.restartMs);
        this.idleCycles++;
        try {
          await client.idle();
        } finally {
          this.clock.clearTimeout(restart);
        }
        if (!this.connection.usable && !signal.aborted) {
          throw this.connection.lastError ?? Object.assign(new Error('IDLE connection closed'), { code: 'EConnectionClosed' });
        }
      }
    } finally {
      signal.removeEventListener('abort', breakIdle);
      client.off('exists', changed);
      client.off('expunge', changed);
      client.off('flags', changed);
    }
  }
}
