import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { guessSettings } from './autoconfig';

/**
 * accounts.guessSettings: the known-provider table, Mozilla autoconfig served by a real HTTP
 * server on loopback (the code fetches https://autoconfig.<domain>/…; the injected fetch sends
 * that same request to the local server instead), and failing fast where only loopback works.
 */
const AUTOCONFIG = `<?xml version="1.0"?>
<clientConfig version="1.1">
  <emailProvider id="custom.test">
    <incomingServer type="pop3"><hostname>pop.custom.test</hostname><port>995</port><socketType>SSL</socketType></incomingServer>
    <incomingServer type="imap">
      <hostname>mail.%EMAILDOMAIN%</hostname><port>993</port><socketType>SSL</socketType><username>%EMAILLOCALPART%</username>
    </incomingServer>
    <outgoingServer type="smtp">
      <hostname>smtp.custom.test</hostname><port>587</port><socketType>STARTTLS</socketType><username>%EMAILADDRESS%</username>
    </outgoingServer>
  </emailProvider>
</clientConfig>`;

let server: http.Server;
let base: string;
const requests: { host: string | undefined; url: string | undefined }[] = [];
beforeAll(async () => {
  server = http.createServer((req, res) => {
    requests.push({ host: req.headers['x-original-host'] as string | undefined, url: req.url });
    if (req.url?.startsWith('/hang')) return; // never answers: a firewall that drops packets
    if (req.headers['x-original-host'] !== 'autoconfig.custom.test') {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': 'text/xml' }).end(AUTOCONFIG);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

/** A real fetch, sent to the loopback server; the host it was meant for travels in a header. */
const viaLoopback = (prefix = ''): typeof fetch => async (input, init) => {
  const url = new URL(String(input));
  return fetch(`${base}${prefix}${url.pathname}${url.search}`, { ...init, headers: { 'x-original-host': url.hostname } });
};
const noSrv = async () => [];

describe('guessSettings', () => {
  it('answers well-known providers from the table, without any lookup', async () => {
    const before = requests.length;
    const lookups: string[] = [];
    const options = { fetch: viaLoopback(), resolveSrv: async (name: string) => (lookups.push(name), []) };
    await expect(guessSettings('ann@gmail.com', options)).resolves.toEqual({
      imap: { host: 'imap.gmail.com', port: 993, tls: 'implicit' }, smtp: { host: 'smtp.gmail.com', port: 465, tls: 'implicit' },
      source: 'known-provider', user: 'ann@gmail.com',
    });
    await expect(guessSettings('Bob@Outlook.com', options)).resolves.toEqual({
      imap: { host: 'outlook.office365.com', port: 993, tls: 'implicit' }, smtp: { host: 'smtp.office365.com', port: 587, tls: 'starttls' },
      source: 'known-provider', user: 'Bob@Outlook.com',
    });
    expect(requests.length).toBe(before);
    expect(lookups).toEqual([]);
  });

  it('reads a real autoconfig document (first IMAP server, placeholders filled in)', async () => {
    const guess = await guessSettings('carol@custom.test', { fetch: viaLoopback(), resolveSrv: noSrv, timeoutMs: 2_000 });
    expect(guess).toEqual({
      imap: { host: 'mail.custom.test', port: 993, tls: 'implicit' }, smtp: { host: 'smtp.custom.test', port: 587, tls: 'starttls' },
      source: 'autoconfig', user: 'carol',
    });
    expect(requests.at(-1)).toEqual({ host: 'autoconfig.custom.test', url: '/mail/config-v1.1.xml?emailaddress=carol%40custom.test' });
  });

  it('uses SRV records (RFC 6186) when there is no autoconfig', async () => {
    const srv = async (name: string) => (name.startsWith('_imaps.')
      ? [{ name: 'imap-b.srv.test', port: 993, priority: 20, weight: 0 }, { name: 'imap-a.srv.test', port: 993, priority: 10, weight: 0 }]
      : [{ name: 'submit.srv.test', port: 465, priority: 0, weight: 0 }]);
    await expect(guessSettings('dan@srv.test', { fetch: viaLoopback(), resolveSrv: srv, timeoutMs: 2_000 })).resolves.toEqual({
      imap: { host: 'imap-a.srv.test', port: 993, tls: 'implicit' }, smtp: { host: 'submit.srv.test', port: 465, tls: 'implicit' },
      source: 'srv', user: 'dan@srv.test',
    });
  });

  it('falls back to imap./smtp. names for an unknown domain, fast, with the real network lookups (only loopback works here)', async () => {
    const started = Date.now();
    const guess = await guessSettings('erin@pmsync-custom-domain.example');
    expect(Date.now() - started).toBeLessThan(3_000);
    expect(guess).toEqual({
      imap: { host: 'imap.pmsync-custom-domain.example', port: 993, tls: 'implicit' },
      smtp: { host: 'smtp.pmsync-custom-domain.example', port: 587, tls: 'starttls' },
      source: 'guess', user: 'erin@pmsync-custom-domain.example',
    });
  });

  it('gives up on an autoconfig server that never answers within the timeout', async () => {
    const started = Date.now();
    const guess = await guessSettings('fay@custom.test', { fetch: viaLoopback('/hang'), resolveSrv: noSrv, timeoutMs: 500 });
    expect(guess.source).toBe('guess');
    expect(Date.now() - started).toBeLessThan(1_500);
  });
});
