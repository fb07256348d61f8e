/**
 * Worker-thread entry for the parse pool: parses raw messages off the main thread. Bundled by
 * scripts/build-core.mjs as out/core/parse-worker.cjs.
 * Messages are parsed one at a time, in arrival order: mailparser is asynchronous, and starting
 * every queued message at once interleaves them all, so each one's intermediate objects live
 * through many more collections (measured: ~25% more CPU, slower answers for the head of the
 * queue that the importer waits on).
 */
import { parentPort } from 'node:worker_threads';
import { parseMessage } from './parse-message';
import { exclusiveBytes, type ParseRequest, type ParseResponse } from './parse-protocol';

const port = parentPort;
if (!port) throw new Error('parse-worker must run inside a worker thread');

const queue: ParseRequest[] = [];
let busy = false;

async function parseOne(req: ParseRequest): Promise<void> {
  const raw = Buffer.from(req.raw.buffer, req.raw.byteOffset, req.raw.byteLength);
  try {
    const message = await parseMessage(raw);
    const transfer: ArrayBuffer[] = [];
    for (const a of message.attachments) {
      const bytes = exclusiveBytes(a.content);
      a.content = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
      transfer.push(bytes.buffer as ArrayBuffer);
    }
    const res: ParseResponse = { id: req.id, ok: true, message };
    port?.postMessage(res, transfer);
  } catch (err) {
    const res: ParseResponse = { id: req.id, ok: false, reason: err instanceof Error ? err.message : String(err) };
    port?.postMessage(res);
  }
}

async function drain(): Promise<void> {
  busy = true;
  for (let req = queue.shift(); req !== undefined; req = queue.shift()) await parseOne(req);
  busy = false;
}

port.on('message', (req: ParseRequest) => {
  queue.push(req);
  if (!busy) void drain();
});
