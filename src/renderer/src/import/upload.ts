import type { ImportResult } from '../../../shared/api/mail';

/** The contract allows ≤ 4 MiB decoded per chunk. */
export const CHUNK_BYTES = 4 * 1024 * 1024;

/** Byte ranges [start, end) for a file of `size` bytes; an empty file still gets one empty chunk. */
export function chunkRanges(size: number, chunkBytes = CHUNK_BYTES): Array<[number, number]> {
  if (size <= 0) return [[0, 0]];
  const out: Array<[number, number]> = [];
  for (let start = 0; start < size; start += chunkBytes) out.push([start, Math.min(size, start + chunkBytes)]);
  return out;
}

/** Base64 without a Node Buffer; encodes in slices so large chunks do not overflow the call stack. */
export function bytesToBase64(bytes: Uint8Array): string {
  let binary = '';
  const step = 0x8000;
  for (let i = 0; i < bytes.length; i += step) {
    binary += String.fromCharCode(...bytes.subarray(i, i + step));
  }
  return btoa(binary);
}

export function base64ToBytes(b64: string): Uint8Array<ArrayBuffer> {
  const binary = atob(b64);
  const out = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) out[i] = binary.charCodeAt(i);
  return out;
}

/** The three import calls, as the API client offers them. */
export interface ImportCalls {
  importBegin(input: { fileName: string; size: number }): Promise<{ uploadId: string }>;
  importChunk(input: { uploadId: string; dataBase64: string }): Promise<{ received: number }>;
  importCommit(input: { uploadId: string }): Promise<ImportResult>;
}

export interface UploadableFile {
  name: string;
  size: number;
  slice(start: number, end: number): { arrayBuffer(): Promise<ArrayBuffer> };
}

/**
 * Streams one file to the core: begin, chunks in order (one in flight, so memory stays at one
 * chunk), commit. `onUploadId` lets the UI match importProgress events to this file.
 */
export async function uploadFile(
  calls: ImportCalls,
  file: UploadableFile,
  hooks: { onUploadId?(id: string): void; onSent?(bytes: number): void } = {},
): Promise<ImportResult> {
  const { uploadId } = await calls.importBegin({ fileName: file.name, size: file.size });
  hooks.onUploadId?.(uploadId);
  for (const [start, end] of chunkRanges(file.size)) {
    if (end === start) break;
    const bytes = new Uint8Array(await file.slice(start, end).arrayBuffer());
    await calls.importChunk({ uploadId, dataBase64: bytesToBase64(bytes) });
    hooks.onSent?.(end);
  }
  return calls.importCommit({ uploadId });
}

/** Names the file picker accepts; drag-and-drop is checked against the same list. */
export function isImportableName(name: string): boolean {
  return /\.(mbox|mbx|eml)$/i.test(name) || !/\.[^./\\]{1,8}$/.test(name);
}
