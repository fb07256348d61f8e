import type { ImapAccountConfig } from '../../../sync/imap/account';
import { appendToSent, findSentCopy } from '../../../sync/imap/sent-folder';
import { PmsyncError } from '../../../shared/errors';

/**
 * The two things sending needs from the account's IMAP server: "is this Message-ID already in
 * Sent?" (before retrying an attempt whose outcome is unknown) and "file this copy in Sent".
 * The IMAP work lives in src/sync/imap/sent-folder.ts.
 */
export interface SentMailbox {
  /**
   * Whether the server shows the message went out: in Sent (providers that file submitted mail
   * themselves) or in INBOX (the sender was among the recipients, e.g. a Bcc to self).
   */
  contains(accountId: number, messageId: string): Promise<boolean>;
  /** As `contains`, saying where: 'inbox' means the Sent folder still lacks its copy. */
  locate?(accountId: number, messageId: string): Promise<'sent' | 'inbox' | null>;
  append(accountId: number, raw: Buffer): Promise<void>;
}

export type ImapConfigFor = (accountId: number) => ImapAccountConfig | undefined;

export function imapSentMailbox(configFor: ImapConfigFor): SentMailbox {
  const config = (accountId: number): ImapAccountConfig => {
    const c = configFor(accountId);
    if (!c) throw new PmsyncError('NOT_FOUND', `Account ${accountId} has no IMAP settings.`, 'Run `pmsync account list` to see the accounts.');
    return c;
  };
  return {
    contains: async (accountId, messageId) => (await findSentCopy(config(accountId), messageId)) !== null,
    locate: (accountId, messageId) => findSentCopy(config(accountId), messageId),
    append: (accountId, raw) => appendToSent(config(accountId), raw),
  };
}
