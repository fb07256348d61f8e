import { PmsyncError } from '../../shared/errors';

/** What an error thrown by imapflow, node:net/tls or dns looks like to us. */
interface LowLevelError {
  code?: unknown;
  message?: unknown;
  authenticationFailed?: unknown;
  responseText?: unknown;
  serverResponseCode?: unknown;
}

const DNS_CODES = new Set(['ENOTFOUND', 'EAI_AGAIN', 'EAI_NONAME', 'EAI_FAIL', 'ENODATA']);
const REFUSED_CODES = new Set(['ECONNREFUSED', 'EHOSTUNREACH', 'ENETUNREACH', 'EADDRNOTAVAIL']);
const TIMEOUT_CODES = new Set(['ETIMEDOUT', 'ETIMEOUT', 'CONNECT_TIMEOUT', 'GREETING_TIMEOUT', 'UPGRADE_TIMEOUT']);
const LOST_CODES = new Set(['ECONNRESET', 'EPIPE', 'NoConnection', 'EConnectionClosed', 'ClosedAfterConnectText']);
const TLS_CODE = /^(ERR_TLS_|ERR_SSL_|CERT_|DEPTH_ZERO_SELF_SIGNED_CERT$|SELF_SIGNED_CERT_IN_CHAIN$|UNABLE_TO_(GET|VERIFY)_|HOSTNAME_MISMATCH$|ClosedAfterConnectTLS$)/;

/**
 * Turns whatever a connection attempt or command threw into a user-facing error: what happened
 * at which server, and what to do next. `server` is "host:port"; no secret ever goes in here.
 */
export function toSyncError(err: unknown, server: string): PmsyncError {
  if (err instanceof PmsyncError) return err;
  const e = (typeof err === 'object' && err !== null ? err : {}) as LowLevelError;
  const code = typeof e.code === 'string' ? e.code : '';
  const text = typeof e.message === 'string' ? e.message : String(err);
  if (e.authenticationFailed === true || code === 'AUTHENTICATIONFAILED' || /AUTHENTICATIONFAILED|authentication failed/i.test(text)) {
    return new PmsyncError('LOGIN_FAILED', `${server} refused the user name or password.`,
      'Check the user name and password (some providers need an app password), then retry.');
  }
  if (DNS_CODES.has(code)) {
    return new PmsyncError('SERVER_NOT_FOUND', `The server name in ${server} could not be found.`,
      'Check the server name for typos and that this computer is online, then retry.');
  }
  if (TLS_CODE.test(code) || (!code && /certificate|SSL routines/i.test(text))) {
    return new PmsyncError('TLS_FAILED', `A secure connection to ${server} could not be set up (${code || 'TLS error'}).`,
      'Check the port and security setting (implicit TLS is usually 993, STARTTLS 143); for a self-signed server add its certificate.');
  }
  if (REFUSED_CODES.has(code)) {
    return new PmsyncError('CONNECTION_REFUSED', `${server} refused the connection.`,
      'Check the server name and port; the server may be down. PMSync will keep retrying.');
  }
  if (TIMEOUT_CODES.has(code)) {
    return new PmsyncError('TIMEOUT', `${server} did not answer in time.`,
      'Check the network connection; PMSync will keep retrying.');
  }
  if (LOST_CODES.has(code)) {
    return new PmsyncError('CONNECTION_LOST', `The connection to ${server} was lost.`,
      'PMSync reconnects by itself; check the network if this keeps happening.');
  }
  const serverText = typeof e.responseText === 'string' ? e.responseText : '';
  return new PmsyncError('SERVER_ERROR', `${server} reported a problem: ${serverText || text}`,
    'PMSync will retry; if this keeps happening, check the account on the provider\'s web mail.');
}

/** True when retrying cannot help until the user changes something. */
export function needsUserAction(err: PmsyncError): boolean {
  return err.code === 'LOGIN_FAILED' || err.code === 'TLS_FAILED' || err.code === 'SERVER_NOT_FOUND';
}

/**
 * Removes secrets from anything headed for a log: the password itself, its base64 form and
 * the SASL PLAIN blob imapflow sends, wherever they occur.
 */
export function makeRedactor(user: string, secrets: string[]): (text: string) => string {
  const needles = new Set<string>();
  for (const secret of secrets.filter((s) => s.length > 0)) {
    needles.add(secret);
    needles.add(Buffer.from(secret).toString('base64'));
    needles.add(Buffer.from(`\0${user}\0${secret}`).toString('base64'));
    needles.add(JSON.stringify(secret).slice(1, -1));
  }
  const sorted = [...needles].sort((a, b) => b.length - a.length);
  return (text) => sorted.reduce((out, needle) => out.split(needle).join('[redacted]'), text);
}
