/** Where the browser-mode token survives a reload once it is gone from the address bar. */
export const TOKEN_STORAGE_KEY = 'pmsync.token';

export interface TokenLookup {
  token: string | null;
  /** The address bar without the token, when the token came from it (to replaceState). */
  cleanedUrl: string | null;
}

/**
 * Finds the API token: first in the URL (`?token=…`, printed by `pmsync serve`), then in the
 * session's storage. The URL copy is removed so it does not linger in history or screenshots.
 */
export function findToken(href: string, stored: string | null): TokenLookup {
  const url = new URL(href);
  const fromUrl = url.searchParams.get('token');
  if (fromUrl) {
    url.searchParams.delete('token');
    return { token: fromUrl, cleanedUrl: url.pathname + url.search + url.hash };
  }
  return { token: stored && stored.length > 0 ? stored : null, cleanedUrl: null };
}

export function apiSocketUrl(host: string, token: string): string {
  return `ws://${host}/api?token=${encodeURIComponent(token)}`;
}
