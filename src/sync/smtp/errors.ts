import { PmsyncError } from '../../shared/errors';

/** What nodemailer's SMTPConnection (and node:net/tls/dns under it) throws. */
interface SmtpLowLevelError {
  code?: unknown;
  /** The system error code nodemailer replaced with its own (ECONNREFUSED under ESOCKET). */
  originalCode?: unknown;
  message?: unknown;
  responseCode?: unknown;
  response?: unknown;
}

const DNS_CODES = new Set(['ENOTFOUND', 'EAI_AGAIN', 'EAI_NONAME', 'EAI_FAIL', 'ENODATA', 'EDNS']);
const REFUSED_CODES = new Set(['ECONNREFUSED', 'EHOSTUNREACH', 'ENETUNREACH', 'EADDRNOTAVAIL']);
const TLS_CODE = /^(ETLS$|ERR_TLS_|ERR_SSL_|CERT_|DEPTH_ZERO_SELF_SIGNED_CERT$|SELF_SIGNED_CERT_IN_CHAIN$|UNABLE_TO_(GET|VERIFY)_|HOSTNAME_MISMATCH$)/;

/**
 * Turns an SMTP check failure into what the user reads, in the same words as the IMAP ones
 * (src/sync/imap/errors.ts) so the account form shows both alike. `server` is "host:port".
 */
export function toSmtpError(err: unknown, server: string): PmsyncError {
  if (err instanceof PmsyncError) return err;
  const e = (typeof err === 'object' && err !== null ? err : {}) as SmtpLowLevelError;
  const code = typeof e.code === 'string' ? e.code : '';
  const system = typeof e.originalCode === 'string' ? e.originalCode : '';
  const text = typeof e.message === 'string' ? e.message : String(err);
  const where = `The outgoing (SMTP) server ${server}`;
  if (code === 'EAUTH' || e.responseCode === 535) {
    return new PmsyncError('LOGIN_FAILED', `${where} refused the user name or password.`,
      'Check the password (some providers need an app password for mail programs), then retry.');
  }
  if (DNS_CODES.has(code) || DNS_CODES.has(system)) {
    return new PmsyncError('SERVER_NOT_FOUND', `The outgoing (SMTP) server name in ${server} could not be found.`,
      'Check the SMTP server name for typos and that this computer is online, then retry.');
  }
  if (REFUSED_CODES.has(code) || REFUSED_CODES.has(system)) {
    return new PmsyncError('CONNECTION_REFUSED', `${where} refused the connection.`,
      'Check the SMTP server name and port (usually 587 with STARTTLS or 465 with TLS); the server may be down.');
  }
  if (TLS_CODE.test(code) || TLS_CODE.test(system) || (!system && /certificate|SSL routines|wrong version number/i.test(text))) {
    return new PmsyncError('TLS_FAILED', `A secure connection to the outgoing (SMTP) server ${server} could not be set up (${system || code || 'TLS error'}).`,
      'Check the SMTP port and security setting (implicit TLS is usually 465, STARTTLS 587); for a self-signed server add its certificate.');
  }
  if (code === 'ETIMEDOUT' || system === 'ETIMEDOUT') {
    return new PmsyncError('TIMEOUT', `${where} did not answer in time.`,
      'Check the SMTP server name, port and the network connection, then retry.');
  }
  if (code === 'ECONNECTION' || code === 'ESOCKET' || system === 'ECONNRESET' || system === 'EPIPE') {
    return new PmsyncError('CONNECTION_LOST', `${where} closed the connection.`,
      'Check that the port is an SMTP port (587, 465 or 25) and the security setting; then retry.');
  }
  const serverText = typeof e.response === 'string' ? e.response : '';
  return new PmsyncError('SERVER_ERROR', `${where} reported a problem: ${serverText || text}`,
    'Check the SMTP settings; if they are right, try again later.');
}
