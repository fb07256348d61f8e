import { promises as dns } from 'node:dns';
import type { GuessedSettings, ServerSettings } from '../../../shared/api/accounts';
import { KNOWN_PROVIDERS } from './known-providers';

export interface GuessOptions {
  /** Per lookup; the whole guess takes at most about this long (lookups run side by side). */
  timeoutMs?: number;
  fetch?: typeof fetch;
  resolveSrv?: (name: string) => Promise<{ name: string; port: number; priority: number; weight: number }[]>;
}

function domainOf(email: string): string {
  return email.slice(email.lastIndexOf('@') + 1).trim().toLowerCase();
}

function withTimeout<T>(work: Promise<T>, ms: number): Promise<T | undefined> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(undefined), ms);
    timer.unref();
    work.then((v) => resolve(v), () => resolve(undefined)).finally(() => clearTimeout(timer));
  });
}

/**
 * Server settings from an address: the known-providers table, then (side by side, each with a
 * short timeout so an offline or loopback-only machine answers at once) Mozilla-style
 * autoconfig and DNS SRV records (RFC 6186), then the usual imap./smtp. host names.
 */
export async function guessSettings(email: string, options: GuessOptions = {}): Promise<GuessedSettings> {
  const domain = domainOf(email);
  const known = KNOWN_PROVIDERS[domain];
  if (known) {
    return { imap: known.imap, smtp: known.smtp, source: 'known-provider', user: known.login === 'address' ? email : email.slice(0, email.lastIndexOf('@')) };
  }
  const timeoutMs = options.timeoutMs ?? 1500;
  const [auto, srv] = await Promise.all([
    withTimeout(autoconfig(domain, email, options.fetch ?? fetch, timeoutMs), timeoutMs),
    withTimeout(srvLookup(domain, options.resolveSrv ?? ((n) => dns.resolveSrv(n))), timeoutMs),
  ]);
  if (auto) return auto;
  if (srv) return { ...srv, source: 'srv', user: email };
  return { imap: { host: `imap.${domain}`, port: 993, tls: 'implicit' }, smtp: { host: `smtp.${domain}`, port: 587, tls: 'starttls' }, source: 'guess', user: email };
}

async function autoconfig(domain: string, email: string, fetchFn: typeof fetch, timeoutMs: number): Promise<GuessedSettings | undefined> {
  const url = `https://autoconfig.${domain}/mail/config-v1.1.xml?emailaddress=${encodeURIComponent(email)}`;
  const res = await fetchFn(url, { signal: AbortSignal.timeout(timeoutMs), redirect: 'follow' });
  if (!res.ok) return undefined;
  return parseAutoconfig(await res.text(), email);
}

/** Reads the first IMAP incoming and SMTP outgoing server of a config-v1.1 document. */
export function parseAutoconfig(xml: string, email: string): GuessedSettings | undefined {
  const server = (tag: 'incomingServer' | 'outgoingServer', type: string) => {
    const re = new RegExp(`<${tag}[^>]*type="${type}"[^>]*>([\\s\\S]*?)</${tag}>`, 'i');
    const body = re.exec(xml)?.[1];
    if (!body) return undefined;
    const field = (name: string) => new RegExp(`<${name}>\\s*([^<]*?)\\s*</${name}>`, 'i').exec(body)?.[1];
    const host = field('hostname');
    const port = Number(field('port'));
    if (!host || !Number.isInteger(port) || port < 1 || port > 65535) return undefined;
    const socket = (field('socketType') ?? '').toUpperCase();
    const tls: ServerSettings['tls'] = socket === 'SSL' ? 'implicit' : socket === 'STARTTLS' ? 'starttls' : 'none';
    return { server: { host: host.replace('%EMAILDOMAIN%', domainOf(email)), port, tls }, username: field('username') ?? '%EMAILADDRESS%' };
  };
  const imap = server('incomingServer', 'imap');
  const smtp = server('outgoingServer', 'smtp');
  if (!imap || !smtp) return undefined;
  const user = imap.username
    .replace('%EMAILADDRESS%', email)
    .replace('%EMAILLOCALPART%', email.slice(0, email.lastIndexOf('@')))
    .replace('%EMAILDOMAIN%', domainOf(email));
  return { imap: imap.server, smtp: smtp.server, source: 'autoconfig', user };
}

async function srvLookup(
  domain: string, resolve: NonNullable<GuessOptions['resolveSrv']>,
): Promise<{ imap: ServerSettings; smtp: ServerSettings } | undefined> {
  const best = async (name: string) => {
    const records = await resolve(name).catch(() => []);
    // "." as target means the service is explicitly not offered (RFC 6186 §3.4).
    const usable = records.filter((r) => r.name !== '' && r.name !== '.').sort((a, b) => a.priority - b.priority || b.weight - a.weight);
    return usable[0];
  };
  const [imaps, submission] = await Promise.all([best(`_imaps._tcp.${domain}`), best(`_submission._tcp.${domain}`)]);
  if (!imaps || !submission) return undefined;
  return {
    imap: { host: imaps.name, port: imaps.port, tls: 'implicit' },
    smtp: { host: submission.name, port: submission.port, tls: submission.port === 465 ? 'implicit' : 'starttls' },
  };
}
