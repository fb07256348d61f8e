import { createReadStream, promises as fs } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import path from 'node:path';

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.wasm': 'application/wasm',
};

export function contentTypeFor(file: string): string {
  return CONTENT_TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
}

/**
 * Maps a request path to a file strictly inside `root`, or null. Refuses anything that could
 * climb out (`..` in any spelling, backslashes, NUL, bad percent-encoding) before touching disk.
 */
export function resolveStaticPath(root: string, rawUrl: string): string | null {
  const pathname = rawUrl.split(/[?#]/, 1)[0] ?? '';
  if (!pathname.startsWith('/')) return null;
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return null;
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return null;
  const segments = decoded.split('/').filter((s) => s !== '');
  if (segments.some((s) => s === '..' || s === '.')) return null;
  if (decoded.endsWith('/')) segments.push('index.html');
  const full = path.resolve(root, ...segments);
  return full.startsWith(root + path.sep) ? full : null;
}

function sendStatus(res: ServerResponse, status: number, text: string): void {
  res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', 'Content-Length': Buffer.byteLength(text) });
  res.end(text);
}

/** Serves the built renderer: GET/HEAD only, no directory listings, no symlink escapes. */
export async function serveStatic(req: IncomingMessage, res: ServerResponse, root: string): Promise<void> {
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.setHeader('Allow', 'GET, HEAD');
    return sendStatus(res, 405, 'Method not allowed');
  }
  const absoluteRoot = path.resolve(root);
  const file = resolveStaticPath(absoluteRoot, req.url ?? '/');
  if (!file) return sendStatus(res, 400, 'Bad request path');
  let size: number;
  try {
    const [realRoot, realFile] = await Promise.all([fs.realpath(absoluteRoot), fs.realpath(file)]);
    if (!realFile.startsWith(realRoot + path.sep)) return sendStatus(res, 404, 'Not found');
    const stat = await fs.stat(realFile);
    if (!stat.isFile()) return sendStatus(res, 404, 'Not found');
    size = stat.size;
  } catch {
    return sendStatus(res, 404, 'Not found');
  }
  const headers: Record<string, string | number> = { 'Content-Type': contentTypeFor(file), 'Content-Length': size };
  // The page embeds nothing secret, but a cached old index.html would load stale hashed assets.
  if (path.basename(file) === 'index.html') headers['Cache-Control'] = 'no-store';
  res.writeHead(200, headers);
  if (req.method === 'HEAD') return void res.end();
  createReadStream(file)
    .on('error', () => res.destroy())
    .pipe(res);
}
