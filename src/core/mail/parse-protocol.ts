import type { ParsedMessage } from './types';

/** Main thread → parse worker. `raw` is transferred, not copied. */
export interface ParseRequest {
  id: number;
  raw: Uint8Array;
}

/** Parse worker → main thread. Attachment contents arrive as Uint8Array (transferred). */
export type ParseResponse =
  | { id: number; ok: true; message: ParsedMessage }
  | { id: number; ok: false; reason: string };

/**
 * A Uint8Array that owns its whole ArrayBuffer, so it can be transferred without detaching
 * bytes that belong to someone else (small Buffers share Node's 8 KiB pool).
 */
export function exclusiveBytes(bytes: Uint8Array): Uint8Array {
  if (bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength && bytes.buffer instanceof ArrayBuffer) {
    return bytes;
  }
  const copy = new Uint8Array(bytes.byteLength);
  copy.set(bytes);
  return copy;
}

/** Structured clone turns Buffers into Uint8Arrays; give the store Buffers back, zero-copy. */
export function reviveMessage(message: ParsedMessage): ParsedMessage {
  for (const a of message.attachments) {
    const c = a.content as Uint8Array;
    if (!Buffer.isBuffer(c)) a.content = Buffer.from(c.buffer, c.byteOffset, c.byteLength);
  }
  return message;
}
