import { ImapFlow } from 'imapflow';
import { PmsyncError } from '../../shared/errors';
import type { ImapAccountConfig } from './account';
import { imapFlowOptions } from './connection';
import { toSyncError } from './errors';

const SHORT_TIMEOUTS = { connectMs: 30_000, greetingMs: 16_000, socketMs: 120_000 };

/**
 * One IMAP connection for one job (file a Sent copy, replace a draft), opened and closed around
 * `run`: works the same in the desktop app and in one-shot CLI commands where no engine runs.
 */
export async function withShortConnection<T>(config: ImapAccountConfig, run: (client: ImapFlow) => Promise<T>): Promise<T> {
  const client = new ImapFlow(imapFlowOptions(config, SHORT_TIMEOUTS, false));
  // Without an 'error' listener an async socket failure would crash the process.
  client.on('error', () => undefined);
  try {
    await client.connect();
    return await run(client);
  } catch (err) {
    throw err instanceof PmsyncError ? err : toSyncError(err, `${config.host}:${config.port}`);
  } finally {
    await client.logout().catch(() => client.close());
  }
}
