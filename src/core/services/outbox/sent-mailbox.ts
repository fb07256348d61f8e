import { ImapFlow } from 'imapflow';
import { toSyncError } from '../../../sync/imap/errors';
import type { ImapAccountConfig } from '../../../sync/imap/account';
import { PmsyncError } from '../../../shared/errors';

/**
 * The two things sending needs from the account's IMAP server: "is this Message-ID already in
 * Sent?" (before retrying an attempt whose outcome is unknown) and "file this copy in Sent".
 * A short connection of its own: it works the same in the desktop app and in one-shot CLI
 * commands where no sync engine runs.
 */
export interface SentMailbox {
  /**
   * Whether the server shows the message went out: in Sent (providers that file submitted mail
   * themselves) or in INBOX (the sender was among the recipients, e.g. a Bcc to self).
   */
  contains(accountId: number, messageId: string): Promise<boolean>;
  append(accountId: number, raw: Buffer): Promise<void>;
}

export type ImapConfigFor = (accountId: number) => ImapAccountConfig | undefined;

async function withClient<T>(config: ImapAccountConfig, run: (client: ImapFlow) => Promise<T>): Promise<T> {
  const client = new ImapFlow({
    host: config.host,
    port: config.port,
    secure: config.security === 'tls',
    doSTARTTLS: config.security === 'starttls' ? true : config.security === 'none' ? false : undefined,
    servername: config.servername,
    tls: config.ca ? { ca: config.ca } : undefined,
    auth: { user: config.user, pass: config.password },
    logger: false,
    disableAutoIdle: true,
    connectionTimeout: 30_000,
    greetingTimeout: 16_000,
    socketTimeout: 120_000,
    clientInfo: { name: 'PMSync' },
  });
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

async function sentPath(client: ImapFlow): Promise<string | undefined> {
  const list = await client.list();
  return (list.find((m) => m.specialUse === '\\Sent') ?? list.find((m) => /^(sent|sent items|sent messages)$/i.test(m.name)))?.path;
}

export function imapSentMailbox(configFor: ImapConfigFor): SentMailbox {
  const config = (accountId: number): ImapAccountConfig => {
    const c = configFor(accountId);
    if (!c) throw new PmsyncError('NOT_FOUND', `Account ${accountId} has no IMAP settings.`, 'Run `pmsync account list` to see the accounts.');
    return c;
  };
  return {
    contains: (accountId, messageId) => withClient(config(accountId), async (client) => {
      const sent = await sentPath(client);
      for (const path of sent ? [sent, 'INBOX'] : ['INBOX']) {
        await client.mailboxOpen(path, { readOnly: true });
        const found = await client.search({ header: { 'message-id': messageId } }, { uid: true });
        if (Array.isArray(found) && found.length > 0) return true;
      }
      return false;
    }),
    append: (accountId, raw) => withClient(config(accountId), async (client) => {
      let path = await sentPath(client);
      if (!path) {
        path = 'Sent';
        await client.mailboxCreate(path).catch(() => undefined);
      }
      await client.append(path, raw, ['\\Seen']);
    }),
  };
}
