// The server's copy of an item (read for a conflict) over a real loopback socket that can cut the body short.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PmsyncError } from '../../shared/errors';
import { DavHttp } from './http';
import { getResource } from './writes';
import { eventIcs } from './test-support/dav-servers';

describe('getResource', () => {
  const ics = eventIcs('cut', 'Cut short');
  let server: http.Server;
  let base: string;

  beforeAll(async () => {
    server = http.createServer((req, res) => {
      res.writeHead(200, { 'content-type': 'text/calendar', etag: '"v1"', 'content-length': Buffer.byteLength(ics) });
      if (req.url === '/cal/whole.ics') res.end(ics);
      else res.write(ics.slice(0, 40), () => req.socket.destroy());
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/cal/`;
  });
  afterAll(async () => new Promise<void>((r) => server.close(() => r())));

  it('returns the whole body with its ETag', async () => {
    const got = await getResource(new DavHttp({ user: 'u', password: 'p' }), `${base}whole.ics`);
    expect(got).toEqual({ data: ics, etag: '"v1"' });
  });

  it('fails with a connection error when the body is cut short, instead of returning an empty copy', async () => {
    const failure = await getResource(new DavHttp({ user: 'u', password: 'p' }), `${base}cut.ics`).then((v) => v, (err: unknown) => err);
    expect(failure).toBeInstanceOf(PmsyncError);
    expect((failure as PmsyncError).code).toBe('CONNECTION_LOST');
  });
});
