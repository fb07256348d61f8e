import SMTPConnection from 'nodemailer/lib/smtp-connection';
import type { TlsMode } from '../../shared/api/accounts';
import { toSmtpError } from './errors';
import { smtpConnectionOptions } from './options';

export interface SmtpCheckSettings {
  host: string;
  port: number;
  tls: TlsMode;
  user: string;
  password: string;
  /** PEM of an extra CA to trust (self-hosted servers). */
  caPem?: string | null;
  timeoutMs?: number;
}

export interface SmtpCheckResult {
  /** Whether the server asked for a login (advertised AUTH) and accepted ours. */
  authenticated: boolean;
  /** The SIZE the server advertised in EHLO (RFC 1870): the largest message it takes; null when none. */
  maxMessageBytes: number | null;
}

/** nodemailer parses SIZE from EHLO but keeps it private; read it without widening its types. */
function advertisedSize(connection: SMTPConnection): number | null {
  const size = (connection as unknown as { _maxAllowedSize?: unknown })._maxAllowedSize;
  return typeof size === 'number' && Number.isSafeInteger(size) && size > 0 ? size : null;
}

/**
 * Connects to the outgoing server with the account's TLS mode and, when it advertises AUTH,
 * logs in: proves the settings work before the account is saved. Sends nothing.
 * Throws a PmsyncError (LOGIN_FAILED, CONNECTION_REFUSED, TLS_FAILED, ...) saying what failed.
 */
export async function checkSmtpLogin(settings: SmtpCheckSettings): Promise<SmtpCheckResult> {
  const timeout = settings.timeoutMs ?? 15_000;
  const connection = new SMTPConnection(smtpConnectionOptions(settings, timeout));
  // SMTPConnection reports a failed connect (refused, TLS, timeout) only as an 'error' event, and
  // a server that hangs up early only as 'end': both must end the check.
  let fail: (err: unknown) => void = () => undefined;
  const failed = new Promise<never>((_resolve, reject) => (fail = reject));
  failed.catch(() => undefined);
  connection.on('error', (err: unknown) => fail(err));
  connection.on('end', () => fail(Object.assign(new Error('Connection closed'), { code: 'ECONNECTION' })));
  const server = `${settings.host}:${settings.port}`;
  try {
    await Promise.race([new Promise<void>((resolve) => connection.connect(() => resolve())), failed]);
    if (!connection.allowsAuth) return { authenticated: false, maxMessageBytes: advertisedSize(connection) };
    await Promise.race([
      new Promise<void>((resolve, reject) => connection.login({ user: settings.user, pass: settings.password }, (err) => (err ? reject(err) : resolve()))),
      failed,
    ]);
    return { authenticated: true, maxMessageBytes: advertisedSize(connection) };
  } catch (err) {
    throw toSmtpError(err, server);
  } finally {
    // QUIT politely when the session is up (the connection closes itself after it), else drop it.
    if (connection.stage === 'connected' && !connection.destroyed) connection.quit();
    else connection.close();
  }
}
