/**
 * Worker-thread entry for the parse pool: parses raw messages off the main thread. Bundled by
 * scripts/build-core.mjs as out/core/parse-worker.cjs.
 */
import { parentPort } from 'node:worker_threads';
import { parseMessage } from './parse-message';
import { exclusiveBytes, type ParseRequest, type ParseResponse } from './parse-protocol';

const port = parentPort;
if (!port) throw new Error('parse-worker must run inside a worker thread');

port.on('message', (req: ParseRequest) => {
  const raw = Buffer.from(req.raw.buffer, req.raw.byteOffset, req.raw.byteLength);
  parseMessage(raw).then(
    (message) => {
      const transfer: ArrayBuffer[] = [];
      for (const a of message.attachments) {
        const bytes = exclusiveBytes(a.content);
        a.content = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
        transfer.push(bytes.buffer as ArrayBuffer);
      }
      const res: ParseResponse = { id: req.id, ok: true, message };
      port.postMessage(res, transfer);
    },
    (err: unknown) => {
      const res: ParseResponse = { id: req.id, ok: false, reason: err instanceof Error ? err.message : String(err) };
      port.postMessage(res);
    },
  );
});
