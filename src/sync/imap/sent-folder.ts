import type { ImapFlow } from 'imapflow';
import type { ImapAccountConfig } from './account';
import { withShortConnection } from './short-connection';

// What sending needs from the account's server, each on a short connection of its own.

async function sentPath(client: ImapFlow): Promise<string | undefined> {
  const list = await client.list();
  return (list.find((m) => m.specialUse === '\\Sent') ?? list.find((m) => /^(sent|sent items|sent messages)$/i.test(m.name)))?.path;
}

/**
 * Whether the server shows the message went out: in Sent (providers that file submitted mail
 * themselves) or in INBOX (the sender was among the recipients, e.g. a Bcc to self).
 */
export async function sentOrInboxContains(config: ImapAccountConfig, messageId: string): Promise<boolean> {
  return (await findSentCopy(config, messageId)) !== null;
}

/** Where the server shows the message: in Sent, only in INBOX (so Sent still lacks its copy), or nowhere. */
export function findSentCopy(config: ImapAccountConfig, messageId: string): Promise<'sent' | 'inbox' | null> {
  return withShortConnection(config, async (client) => {
    const sent = await sentPath(client);
    for (const path of sent ? [sent, 'INBOX'] : ['INBOX']) {
      await client.mailboxOpen(path, { readOnly: true });
      const found = await client.search({ header: { 'message-id': messageId } }, { uid: true });
      if (Array.isArray(found) && found.length > 0) return path === sent ? 'sent' : 'inbox';
    }
    return null;
  });
}

/** Files a copy in the Sent folder (created as "Sent" when the server has none), marked read. */
export function appendToSent(config: ImapAccountConfig, raw: Buffer): Promise<void> {
  return withShortConnection(config, async (client) => {
    let path = await sentPath(client);
    if (!path) {
      path = 'Sent';
      await client.mailboxCreate(path).catch(() => undefined);
    }
    await client.append(path, raw, ['\\Seen']);
  });
}
