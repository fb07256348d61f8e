import { z } from 'zod';
import { method } from './contract';

export const ProfileInfo = z.object({
  version: z.string(),
  profileDir: z.string(),
  cipher: z.string(),
  keySource: z.enum(['passphrase', 'keychain', 'safeStorage']),
  schemaVersion: z.number().int(),
  dbSizeBytes: z.number().int(),
  accounts: z.number().int(),
  messages: z.number().int(),
  createdAt: z.number().int(),
});
export type ProfileInfo = z.infer<typeof ProfileInfo>;

export const DoctorReport = z.object({
  ok: z.boolean(),
  integrity: z.array(z.string()),
  schemaVersion: z.number().int(),
  cipher: z.string(),
  messages: z.number().int(),
  ftsRows: z.number().int(),
});
export type DoctorReport = z.infer<typeof DoctorReport>;

export const appMethods = {
  /** Profile facts for the settings page. */
  info: method(z.object({}), ProfileInfo),
  /** PRAGMA integrity_check plus index consistency. */
  doctor: method(z.object({}), DoctorReport),
  /** Cheap liveness probe used by transports and tests. */
  ping: method(z.object({}), z.object({ pong: z.literal(true), now: z.number() })),
};

export const appEvents = {
  /** Something the user should see (a failed background job, a finished import). */
  notice: z.object({ level: z.enum(['info', 'warning', 'error']), message: z.string(), hint: z.string().optional() }),
};
