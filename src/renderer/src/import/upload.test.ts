import { describe, expect, it } from 'vitest';
import { base64ToBytes, bytesToBase64, chunkRanges, isImportableName, uploadFile, type ImportCalls } from './upload';

describe('chunkRanges', () => {
  it('covers the file in ≤ chunk-sized ranges', () => {
    expect(chunkRanges(10, 4)).toEqual([[0, 4], [4, 8], [8, 10]]);
    expect(chunkRanges(8, 4)).toEqual([[0, 4], [4, 8]]);
    expect(chunkRanges(0, 4)).toEqual([[0, 0]]);
  });
});

describe('base64', () => {
  it('round-trips every byte value and large buffers', () => {
    const all = Uint8Array.from({ length: 256 }, (_, i) => i);
    expect(bytesToBase64(all)).toBe(Buffer.from(all).toString('base64'));
    const big = new Uint8Array(300_000).map((_, i) => (i * 31) & 0xff);
    expect(Buffer.from(base64ToBytes(bytesToBase64(big))).equals(Buffer.from(big))).toBe(true);
  });
});

describe('uploadFile', () => {
  it('sends begin, the chunks in order with their exact bytes, then commit', async () => {
    const content = new Uint8Array(9 * 1024 * 1024 + 7).map((_, i) => i % 251);
    const file = new Blob([content]);
    const received: Uint8Array[] = [];
    const log: string[] = [];
    const calls: ImportCalls = {
      importBegin: async (input) => {
        log.push(`begin ${input.fileName} ${input.size}`);
        return { uploadId: 'u1' };
      },
      importChunk: async ({ uploadId, dataBase64 }) => {
        log.push(`chunk ${uploadId}`);
        received.push(base64ToBytes(dataBase64));
        return { received: received.reduce((n, c) => n + c.length, 0) };
      },
      importCommit: async ({ uploadId }) => {
        log.push(`commit ${uploadId}`);
        return { imported: 3, duplicates: 0, failed: [], folderIds: [1] };
      },
    };
    const sent: number[] = [];
    const result = await uploadFile(calls, { name: 'a.mbox', size: file.size, slice: (s, e) => file.slice(s, e) }, { onSent: (n) => sent.push(n) });
    expect(log).toEqual(['begin a.mbox 9437191', 'chunk u1', 'chunk u1', 'chunk u1', 'commit u1']);
    expect(received.map((c) => c.length)).toEqual([4194304, 4194304, 1048583]);
    const joined = Buffer.concat(received.map((c) => Buffer.from(c)));
    expect(joined.equals(Buffer.from(content))).toBe(true);
    expect(sent).toEqual([4194304, 8388608, 9437191]);
    expect(result.imported).toBe(3);
  });

  it('stops at the first failing chunk and does not commit', async () => {
    const log: string[] = [];
    const calls: ImportCalls = {
      importBegin: async () => ({ uploadId: 'u2' }),
      importChunk: async () => {
        log.push('chunk');
        throw new Error('disk full');
      },
      importCommit: async () => {
        log.push('commit');
        return { imported: 0, duplicates: 0, failed: [], folderIds: [] };
      },
    };
    const file = new Blob([new Uint8Array(10)]);
    await expect(uploadFile(calls, { name: 'x.eml', size: 10, slice: (s, e) => file.slice(s, e) })).rejects.toThrow('disk full');
    expect(log).toEqual(['chunk']);
  });
});

describe('isImportableName', () => {
  it('accepts mailbox files and extensionless mbox exports', () => {
    expect(isImportableName('Inbox.mbox')).toBe(true);
    expect(isImportableName('msg.EML')).toBe(true);
    expect(isImportableName('Inbox')).toBe(true);
    expect(isImportableName('photo.jpg')).toBe(false);
  });
});
