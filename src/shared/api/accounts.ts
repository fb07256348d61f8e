import { z } from 'zod';
import { ErrorData } from '../errors';
import { method } from './contract';
import { Account } from './mail';

const Id = z.number().int().positive();

export const TlsMode = z.enum(['implicit', 'starttls', 'none']);
export type TlsMode = z.infer<typeof TlsMode>;

export const ServerSettings = z.object({
  host: z.string().min(1).max(255),
  port: z.number().int().min(1).max(65535),
  tls: TlsMode,
});
export type ServerSettings = z.infer<typeof ServerSettings>;

export const GuessedSettings = z.object({
  imap: ServerSettings,
  smtp: ServerSettings,
  /** Where the guess came from, so the UI can say how sure it is. */
  source: z.enum(['known-provider', 'autoconfig', 'srv', 'guess']),
  /** Login name the provider expects (usually the address). */
  user: z.string(),
});
export type GuessedSettings = z.infer<typeof GuessedSettings>;

export const AddImapAccountInput = z.object({
  email: z.string().email().max(320),
  name: z.string().max(200).optional(),
  imap: ServerSettings,
  smtp: ServerSettings,
  user: z.string().min(1).max(320).optional(),
  password: z.string().min(1).max(4096),
  /** PEM of an extra CA to trust (self-hosted servers). */
  caPem: z.string().max(65536).optional(),
});
export type AddImapAccountInput = z.infer<typeof AddImapAccountInput>;

export const SyncPhase = z.enum(['folders', 'headers', 'bodies', 'changes', 'tasks', 'calendars', 'contacts']);

export const SyncStatus = z.object({
  accountId: Id,
  state: z.enum(['idle', 'connecting', 'syncing', 'watching', 'offline', 'waiting-to-retry', 'needs-attention', 'stopped']),
  progress: z
    .object({ folder: z.string(), phase: SyncPhase, done: z.number().int(), total: z.number().int() })
    .nullable(),
  lastSyncAt: z.number().int().nullable(),
  /** Set when state is waiting-to-retry or needs-attention: what happened and what to do. */
  error: ErrorData.nullable(),
  nextRetryAt: z.number().int().nullable(),
});
export type SyncStatus = z.infer<typeof SyncStatus>;

export const AccountSettings = z.object({
  /** Folder paths to sync; null means all folders. */
  syncFolders: z.array(z.string()).nullable(),
  notifications: z.boolean(),
  /** Minutes between periodic syncs of a CalDAV/CardDAV account (15 by default). */
  syncIntervalMinutes: z.number().int().min(1).max(1440).optional(),
  /** Largest message the outgoing server accepts (its SMTP SIZE), learned when the login was checked. */
  smtpMaxMessageBytes: z.number().int().positive().nullable().optional(),
});
export type AccountSettings = z.infer<typeof AccountSettings>;

export const AddDavAccountInput = z.object({
  /** Server or well-known URL; discovery follows /.well-known/caldav and /.well-known/carddav. */
  url: z.string().url().max(2000),
  user: z.string().min(1).max(320),
  password: z.string().min(1).max(4096),
  name: z.string().max(200).optional(),
});
export type AddDavAccountInput = z.infer<typeof AddDavAccountInput>;

export const DavAccount = z.object({
  id: Id,
  name: z.string(),
  url: z.string(),
  user: z.string(),
  calendars: z.number().int(),
  addressBooks: z.number().int(),
});
export type DavAccount = z.infer<typeof DavAccount>;

export const accountsMethods = {
  /** Discovers principal and home sets, checks the login, lists every calendar and address book. */
  addDav: method(AddDavAccountInput, DavAccount),
  listDav: method(z.object({}), z.array(DavAccount)),
  /** Server settings from the address: known providers, autoconfig, SRV when reachable, else a guess. */
  guessSettings: method(z.object({ email: z.string().email() }), GuessedSettings),
  /** Checks the credentials against IMAP and SMTP before saving; says plainly what failed. */
  addImap: method(AddImapAccountInput, Account),
  remove: method(z.object({ accountId: Id }), z.object({ ok: z.literal(true) })),
  getSettings: method(z.object({ accountId: Id }), AccountSettings),
  updateSettings: method(z.object({ accountId: Id, settings: AccountSettings.partial() }), AccountSettings),
};

export const syncMethods = {
  status: method(z.object({}), z.array(SyncStatus)),
  /** Sync now (all accounts or one); returns at once, progress comes as sync.status events. */
  now: method(z.object({ accountId: Id.optional() }), z.object({ ok: z.literal(true) })),
};

export const syncEvents = {
  status: SyncStatus,
  /** New mail arrived in an INBOX (batched); the shells turn it into desktop notifications. */
  newMail: z.object({
    accountId: Id,
    count: z.number().int(),
    messages: z.array(z.object({ id: Id, threadId: Id, from: z.string(), subject: z.string() })).max(20),
  }),
};
