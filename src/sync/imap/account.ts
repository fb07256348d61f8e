import { z } from 'zod';

/** How to reach one IMAP account. Parsed with zod: it comes from user input and the store. */
export const ImapAccountConfig = z.object({
  host: z.string().min(1).max(255),
  port: z.number().int().min(1).max(65535),
  /** 'tls': implicit TLS (993); 'starttls': upgrade required; 'none': cleartext (loopback/tests only). */
  security: z.enum(['tls', 'starttls', 'none']),
  user: z.string().min(1),
  password: z.string(),
  /** Extra trusted CA certificates in PEM, for a server with a self-signed certificate. */
  ca: z.string().optional(),
  /** TLS server name when `host` is an IP address. */
  servername: z.string().optional(),
});
export type ImapAccountConfig = z.infer<typeof ImapAccountConfig>;

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';
/** One logger per engine; every line has already been through the secret redactor. */
export type SyncLog = (level: LogLevel, message: string) => void;

export const silentLog: SyncLog = () => {};
