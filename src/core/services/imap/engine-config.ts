import type { ImapAccountConfig } from '../../../sync/imap/account';
import type { ServerSettings } from '../../../shared/api/accounts';

/** The engine's connection settings from what the store keeps. */
export function imapConfigOf(server: ServerSettings, user: string, password: string, caPem: string | null): ImapAccountConfig {
  const isIp = /^[\d.]+$|:/.test(server.host);
  return {
    host: server.host,
    port: server.port,
    security: server.tls === 'implicit' ? 'tls' : server.tls,
    user,
    password,
    ...(caPem ? { ca: caPem } : {}),
    // A certificate names hosts, not addresses: for 127.0.0.1 check it against "localhost".
    ...(isIp && caPem ? { servername: 'localhost' } : {}),
  };
}
