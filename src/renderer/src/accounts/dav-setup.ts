import type { ErrorCode } from '../../../shared/errors';

export type DavField = 'url' | 'user' | 'password' | 'general';

export interface DavFormInput {
  url: string;
  user: string;
  password: string;
}

export interface DavProblem {
  field: DavField;
  message: string;
  hint?: string;
}

/** "dav.example.org" means https://dav.example.org/; anything with a scheme is kept as typed. */
export function normalizeDavUrl(raw: string): string {
  const t = raw.trim();
  if (!t) return t;
  return /^[a-z][a-z0-9+.-]*:\/\//i.test(t) ? t : `https://${t}`;
}

/** The checks worth doing before asking the server; the core checks the rest by connecting. */
export function davFormProblem(input: DavFormInput): DavProblem | null {
  const url = normalizeDavUrl(input.url);
  if (!url) return { field: 'url', message: 'Enter the address of your CalDAV/CardDAV server.', hint: 'For example https://dav.example.org/ — PMSync finds the calendars from there (/.well-known/caldav).' };
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return { field: 'url', message: `“${input.url.trim()}” is not a web address.`, hint: 'Type it like https://dav.example.org/ or https://example.org/remote.php/dav/.' };
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') return { field: 'url', message: 'The address must start with https:// (or http:// for a server on this computer).' };
  if (!input.user.trim()) return { field: 'user', message: 'Enter your user name on this server.', hint: 'Often your email address or the name you sign in with on its website.' };
  if (!input.password) return { field: 'password', message: 'Enter the password.', hint: 'Some providers want an app password for calendar apps.' };
  return null;
}

/** Which field an accounts.addDav failure belongs next to. */
export function fieldForDavError(code: ErrorCode): DavField {
  switch (code) {
    case 'LOGIN_FAILED':
    case 'UNAUTHORIZED':
      return 'password';
    case 'SERVER_NOT_FOUND':
    case 'CONNECTION_REFUSED':
    case 'TLS_FAILED':
    case 'TIMEOUT':
    case 'CONNECTION_LOST':
    case 'NOT_FOUND':
    case 'SERVER_ERROR':
      return 'url';
    default:
      return 'general';
  }
}
