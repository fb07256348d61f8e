import { PmsyncError } from '../../shared/errors';

/** A DAV request answered with an HTTP status we did not want; `status` says which. */
export class DavStatusError extends PmsyncError {
  constructor(readonly status: number, message: string, hint?: string) {
    // 401/403 on a read: the login (or its rights) is the problem; anything else is the server's.
    super(status === 401 || status === 403 ? 'LOGIN_FAILED' : 'SERVER_ERROR', message, hint);
    this.name = 'DavStatusError';
  }
}

/** The server refused a write for good (403, 404 on a collection, 415, …): retrying cannot help. */
export class DavRefusedError extends PmsyncError {
  constructor(readonly status: number, message: string, hint = 'Check that the calendar or address book still exists and is writable, then sync again.') {
    super('SERVER_ERROR', message, hint);
    this.name = 'DavRefusedError';
  }
}

function causeCode(err: unknown): string | undefined {
  const cause = err instanceof Error ? (err as Error & { cause?: unknown }).cause : undefined;
  if (cause && typeof cause === 'object' && 'code' in cause && typeof cause.code === 'string') return cause.code;
  if (err && typeof err === 'object' && 'code' in err && typeof err.code === 'string') return err.code;
  return undefined;
}

/** Network failures (fetch throws) as PmsyncErrors a user can act on. */
export function networkError(err: unknown, url: string): PmsyncError {
  if (err instanceof PmsyncError) return err;
  const host = (() => {
    try {
      return new URL(url).host;
    } catch {
      return url;
    }
  })();
  const name = err instanceof Error ? err.name : '';
  if (name === 'TimeoutError' || name === 'AbortError') {
    return new PmsyncError('TIMEOUT', `${host} did not answer in time.`, 'Check your connection; PMSync retries on its own.');
  }
  const code = causeCode(err);
  if (code === 'ECONNREFUSED') return new PmsyncError('CONNECTION_REFUSED', `${host} refused the connection.`, 'The server may be down or the port wrong; changes are kept and sent when it is back.');
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return new PmsyncError('SERVER_NOT_FOUND', `${host} could not be found.`, 'Check the server address and your connection.');
  if (code && /^(ERR_TLS|CERT_|UNABLE_TO|DEPTH_ZERO|SELF_SIGNED)/.test(code)) {
    return new PmsyncError('TLS_FAILED', `The secure connection to ${host} failed (${code}).`, 'Check the server address; a self-signed certificate must be trusted by the system.');
  }
  return new PmsyncError('CONNECTION_LOST', `The connection to ${host} failed: ${err instanceof Error ? err.message : String(err)}${code ? ` (${code})` : ''}.`, 'Check your connection; PMSync retries on its own.');
}

/** An unexpected HTTP status for a read (PROPFIND, REPORT, GET). */
export function statusError(status: number, what: string, url: string): PmsyncError {
  if (status === 401) return new DavStatusError(401, `The server refused the user name or password (${what}).`, 'Check the user name and password for this account.');
  if (status === 403) return new DavStatusError(403, `The server does not allow ${what} on ${new URL(url).pathname}.`, 'Check that this account may read that calendar or address book.');
  if (status >= 500) return new DavStatusError(status, `The server failed on ${what} (HTTP ${status}).`, 'It may be a temporary problem on the server; PMSync retries on its own.');
  return new DavStatusError(status, `The server answered HTTP ${status} to ${what} on ${new URL(url).pathname}.`, 'Check the server URL for this account.');
}
