/**
 * Deterministic, realistic demo mailbox: the demo profile, benchmarks and end-to-end tests all
 * use it, so "100k messages" means the same bytes everywhere. No dependencies: the MIME is
 * written by ./mime.ts.
 *
 * What it produces (rates are per message, approximate):
 * - Folders (renamable through `folders`): Inbox, Sent (everything `me` wrote), Archive (older
 *   received mail), Newsletters, Work/Projects (a nested path, '/'-separated).
 * - Threads of 1..20 messages with Message-ID / In-Reply-To / References and "Re: " subjects;
 *   about a third of replies come from `me` and land in Sent.
 * - Structure: ~48% text/plain, ~42% multipart/alternative (text + HTML with inline CSS and
 *   tables; every newsletter has a remote tracking image at `remoteImageUrl?m=<id>`), ~3% of
 *   those multipart/related with a cid: PNG, ~6% multipart/mixed with 1–3 attachments (real
 *   PDF / PNG / CSV / log files, 20–200 KB, some with non-ASCII names in RFC 2231 form).
 * - Non-ASCII subjects and names as RFC 2047 encoded words (Q and B, UTF-8 and ISO-8859-1),
 *   UTF-8 quoted-printable bodies (some base64), bodies of 1–8 KB of text.
 * - Dates spread over the two years before `now`, denser toward `now`, in senders' time zones.
 *
 * Search needles (for tests and the notmuch benchmark; see NEEDLES):
 * - the rare word "zanzibar" in the body of ~0.5% of non-newsletter messages;
 * - the sender "Dana Scully" <dana@fbi.example> on ~2% of messages;
 * - the phrase "quarterly budget review" in ~1.3% of bodies, and threads whose subject starts
 *   with "Quarterly budget review" (~1% of work threads);
 * - "budget", "budgeting", "budgetary" in work prose (prefix query `budg*`);
 * - "meeting" is common (in most messages); "roadmap" and "deploy" co-occur in work mail;
 * - subjects with "Invoice #NNNNN"; attachments on ~6% of messages; the Newsletters folder.
 */
import { renderMessage, type MessageFacts } from './render-message';
import { DEFAULT_FOLDERS, NEEDLE_SENDER, NEEDLE_SUBJECT_PREFIX, planMailbox, type FolderNames } from './thread-plan';
import { NEEDLE_PHRASE, RARE_WORD } from './prose';

export type { MessageFacts, MessageStructure } from './render-message';
export type { FolderNames, FolderRole } from './thread-plan';
export { DEFAULT_FOLDERS } from './thread-plan';

export const NEEDLES = {
  rareWord: RARE_WORD,
  sender: NEEDLE_SENDER.address,
  phrase: NEEDLE_PHRASE,
  subjectPrefix: NEEDLE_SUBJECT_PREFIX,
  prefix: 'budg',
  commonWord: 'meeting',
  andWords: ['roadmap', 'deploy'] as const,
  subjectWord: 'invoice',
} as const;

export const DEFAULT_REMOTE_IMAGE_URL = 'https://newsletter.example/pixel.gif';

export interface GenerateMailboxOptions {
  seed: number;
  count: number;
  me: { name: string; address: string };
  /** Rename folders (e.g. `{ inbox: 'INBOX' }` for IMAP); paths use '/' for nesting. */
  folders?: Partial<FolderNames>;
  /** Dates end here; pass it for byte-identical output across runs (default: now). */
  now?: Date;
  /** Newsletters' tracking image; tests point it at a local HTTP server to count hits. */
  remoteImageUrl?: string;
  /** Line ending inside messages: CRLF as on the wire (default), or LF as in Unix mbox/Maildir files. */
  eol?: '\r\n' | '\n';
}

export interface GeneratedMessage {
  folder: string;
  raw: Buffer;
  date: Date;
  /** Without angle brackets. */
  messageId: string;
  /** Not representable in mbox; writeMaildir keeps it as the S flag. */
  seen: boolean;
  flagged: boolean;
  facts: MessageFacts;
}

/**
 * The mailbox, oldest message first. Re-iterable; each iteration renders lazily, so 100k
 * messages stream without holding their bytes in memory.
 */
export function generateMailbox(opts: GenerateMailboxOptions): Iterable<GeneratedMessage> {
  if (!Number.isInteger(opts.count) || opts.count < 0) throw new RangeError(`count must be a non-negative integer, got ${opts.count}`);
  const folders: FolderNames = { ...DEFAULT_FOLDERS, ...opts.folders };
  const now = opts.now ?? new Date();
  const ctx = { seed: opts.seed >>> 0, remoteImageUrl: opts.remoteImageUrl ?? DEFAULT_REMOTE_IMAGE_URL, eol: opts.eol ?? '\r\n' };
  return {
    *[Symbol.iterator]() {
      const plan = planMailbox({ seed: ctx.seed, count: opts.count, me: opts.me, now });
      for (const message of plan) {
        const { raw, facts } = renderMessage(message, ctx);
        yield {
          folder: folders[message.folderRole], raw, date: message.date, messageId: message.messageId,
          seen: message.seen, flagged: message.flagged, facts,
        };
      }
    },
  };
}
