import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import http from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocket, WebSocketServer, type RawData } from 'ws';
import type { ApiHandlers } from '../../shared/api/index';
import type { WireMessage } from '../../shared/api/contract';
import { PmsyncError, toErrorData } from '../../shared/errors';
import { createDispatcher, withoutMethods } from '../api/dispatch';
import type { EventHub } from '../events';
import { serveStatic } from './static-files';
import { answer, parseWireRequest } from './wire';

/** Uploads travel as ≤ 4 MiB chunks (≈ 5.6 MiB base64), so 8 MiB leaves room for the envelope. */
export const MAX_MESSAGE_BYTES = 8 * 1024 * 1024;
export const API_PATH = '/api';

/** Close codes a client can act on (RFC 6455 §7.4.1). */
export const CloseCode = { unsupportedData: 1003, malformed: 1007, protocolViolation: 1008, goingAway: 1001 } as const;

export interface StartServerOptions {
  core: { handlers: ApiHandlers; events: EventHub };
  /** 0 or absent: a free port chosen by the OS. */
  port?: number;
  /** Loopback only: the API holds the user's mail. */
  host?: '127.0.0.1' | '::1';
  /** The built renderer (out/renderer). */
  staticDir: string;
  log?: (line: string) => void;
}

export interface RunningServer {
  /** What the user opens: `http://127.0.0.1:PORT/?token=TOKEN`. */
  url: string;
  port: number;
  token: string;
  close(): Promise<void>;
}

const digest = (s: string) => createHash('sha256').update(s).digest();
/** Hashing first gives equal lengths, so timingSafeEqual never short-circuits on length. */
const sameToken = (given: string, expected: string) => timingSafeEqual(digest(given), digest(expected));

export function contentSecurityPolicy(port: number): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob: https: http:",
    "font-src 'self' data:",
    `connect-src 'self' ws://127.0.0.1:${port}`,
    "frame-src 'self' blob: about:",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}

function refuseUpgrade(socket: Duplex, status: 401 | 403, reason: string): void {
  const text = status === 401 ? 'Unauthorized' : 'Forbidden';
  socket.on('error', () => undefined);
  socket.end(`HTTP/1.1 ${status} ${text}\r\nConnection: close\r\nContent-Type: text/plain\r\nContent-Length: ${Buffer.byteLength(reason)}\r\n\r\n${reason}`);
  socket.destroy();
}

/** Browser mode: the renderer over HTTP and the API over a token-protected WebSocket, on loopback. */
export async function startServer(options: StartServerOptions): Promise<RunningServer> {
  const { core, staticDir, log = () => undefined } = options;
  const host = options.host ?? '127.0.0.1';
  if (host !== '127.0.0.1' && host !== '::1') {
    throw new PmsyncError('INVALID_INPUT', `Refusing to serve on ${String(host)}: PMSync serves only on loopback.`, 'Use --host 127.0.0.1 (the default).');
  }
  const dispatch = withoutMethods(createDispatcher(core.handlers), ['mail.importFiles'], 'a browser page may not read local files; upload them instead.');
  const token = randomBytes(32).toString('base64url');
  let port = 0;
  const urlHost = host === '::1' ? '[::1]' : '127.0.0.1';
  const allowedOrigins = () => new Set([`http://127.0.0.1:${port}`, `http://localhost:${port}`, `http://${urlHost}:${port}`]);
  // Host checks stop DNS-rebinding pages from reading even the static files under another name.
  const allowedHosts = () => new Set([`127.0.0.1:${port}`, `localhost:${port}`, `${urlHost}:${port}`]);

  const server = http.createServer((req, res) => {
    res.setHeader('Content-Security-Policy', contentSecurityPolicy(port));
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Referrer-Policy', 'no-referrer');
    res.setHeader('X-Frame-Options', 'DENY');
    res.setHeader('Cross-Origin-Opener-Policy', 'same-origin');
    if (!allowedHosts().has(req.headers.host ?? '')) {
      res.writeHead(403, { 'Content-Type': 'text/plain' }).end('Forbidden host');
      return;
    }
    serveStatic(req, res, staticDir).catch((err: unknown) => {
      log(`static file error: ${toErrorData(err).message}`);
      if (!res.headersSent) res.writeHead(500).end();
      else res.destroy();
    });
  });

  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_MESSAGE_BYTES });

  server.on('upgrade', (req: http.IncomingMessage, socket: Duplex, head: Buffer) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (url.pathname !== API_PATH) return refuseUpgrade(socket, 403, 'Unknown path');
    // Browsers always send Origin, so a missing one means a non-browser client; it still needs the token.
    const origin = req.headers.origin;
    if (origin !== undefined && !allowedOrigins().has(origin)) return refuseUpgrade(socket, 403, 'Origin not allowed');
    const given = url.searchParams.get('token') ?? '';
    if (!sameToken(given, token)) return refuseUpgrade(socket, 401, 'Missing or wrong token');
    wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req));
  });

  wss.on('connection', (ws: WebSocket) => {
    const send = (message: WireMessage) => {
      if (ws.readyState !== WebSocket.OPEN) return;
      ws.send(JSON.stringify(message));
    };
    const offEvents = core.events.onAny((event, payload) => send({ type: 'event', event, payload }));
    ws.on('close', offEvents);
    ws.on('error', (err) => log(`websocket error: ${err.message}`));
    ws.on('message', (data: RawData, isBinary: boolean) => {
      if (isBinary) return ws.close(CloseCode.unsupportedData, 'Binary messages are not supported');
      let parsed: unknown;
      try {
        parsed = JSON.parse(rawText(data));
      } catch {
        return ws.close(CloseCode.malformed, 'Malformed JSON');
      }
      const request = parseWireRequest(parsed);
      if (!request) return ws.close(CloseCode.protocolViolation, 'Expected a request message');
      void answer(dispatch, request).then((response) => {
        try {
          send(response);
        } catch (err) {
          // A value JSON cannot carry must still settle the caller's promise.
          send({ type: 'response', id: request.id, ok: false, error: toErrorData(err) });
        }
      });
    });
  });

  await new Promise<void>((resolve, reject) => {
    const onError = (err: NodeJS.ErrnoException) => reject(err.code === 'EADDRINUSE'
      ? new PmsyncError('INVALID_INPUT', `Port ${options.port} is already in use.`, 'Choose another with --port, or leave it out to pick a free one.')
      : err);
    server.once('error', onError);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', onError);
      resolve();
    });
  });
  const address = server.address();
  port = typeof address === 'object' && address ? address.port : 0;
  const url = `http://${urlHost}:${port}/?token=${token}`;

  let closing: Promise<void> | null = null;
  const close = () => {
    closing ??= new Promise<void>((resolve) => {
      for (const ws of wss.clients) ws.terminate();
      wss.close();
      server.close(() => resolve());
      server.closeAllConnections();
    });
    return closing;
  };
  return { url, port, token, close };
}

function rawText(data: RawData): string {
  if (Array.isArray(data)) return Buffer.concat(data).toString('utf8');
  if (data instanceof ArrayBuffer) return Buffer.from(data).toString('utf8');
  return data.toString('utf8');
}
