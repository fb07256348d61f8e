import { safeExternalUrl } from './window-options';

/**
 * The mailto: URL PMSync was asked to handle, from a command line (Windows and Linux pass it as
 * an argument to a second instance) — or undefined. Only a well-formed mailto: URL counts.
 */
export function findMailtoUrl(argv: readonly string[]): string | undefined {
  for (const arg of argv) {
    if (typeof arg !== 'string' || !/^mailto:/i.test(arg)) continue;
    const url = safeExternalUrl(arg);
    if (url) return url;
  }
  return undefined;
}
