/**
 * Small but real attachment files for demo mail: a valid multi-page PDF, a valid PNG (stored
 * deflate, so its size is predictable and it still opens in any viewer), a CSV and a log file.
 * Sizes are chosen by the caller (20–200 KB in the generator); content comes from the PRNG.
 */
import { crc32, deflateSync } from 'node:zlib';
import { SeededRandom } from './random';
import { WORK_WORDS } from './vocabulary';

export type AttachmentKind = 'pdf' | 'png' | 'csv' | 'txt';

export const ATTACHMENT_TYPES: Record<AttachmentKind, string> = {
  pdf: 'application/pdf',
  png: 'image/png',
  csv: 'text/csv',
  txt: 'text/plain',
};

function pdfString(text: string): string {
  return '(' + text.replace(/[\\()]/g, (c) => '\\' + c) + ')';
}

/**
 * Page and row pools, built once per process from a fixed seed (so output stays deterministic)
 * and sampled by each file: writing every line afresh made attachments most of the cost.
 */
let pdfPagePool: string[] | null = null;
let csvRowPool: string[] | null = null;
let logLinePool: string[] | null = null;

function pagePool(): string[] {
  if (pdfPagePool) return pdfPagePool;
  const rng = new SeededRandom(0x9d7);
  pdfPagePool = Array.from({ length: 48 }, () => {
    const lines: string[] = [];
    while (lines.length < 56) {
      const words = Array.from({ length: rng.int(5, 10) }, () => rng.pick(WORK_WORDS)).join(' ');
      lines.push(`${String(rng.int(1, 9999)).padStart(4, ' ')}  ${words}`.padEnd(62, ' ') + `${(rng.next() * 9000 + 100).toFixed(2)} EUR`);
    }
    return lines.map((l) => `${pdfString(l)} Tj T*`).join(' ');
  });
  return pdfPagePool;
}

/** A PDF 1.4 with Helvetica text pages until it reaches about `targetBytes`. */
export function makePdf(rng: SeededRandom, targetBytes: number, title: string): Buffer {
  const pool = pagePool();
  const pages: string[] = [];
  let size = 600;
  while (size < targetBytes) {
    const heading = pages.length === 0 ? `${pdfString(title.replace(/[^\x20-\x7e]/g, '?'))} Tj T* T* ` : '';
    const stream = `BT /F1 10 Tf 14 TL 50 800 Td ${heading}${rng.pick(pool)} ET`;
    pages.push(stream);
    size += stream.length + 200;
  }
  const objects: string[] = [];
  const pageRefs = pages.map((_, i) => `${4 + i * 2} 0 R`).join(' ');
  objects.push('<< /Type /Catalog /Pages 2 0 R >>');
  objects.push(`<< /Type /Pages /Kids [${pageRefs}] /Count ${pages.length} >>`);
  objects.push('<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>');
  pages.forEach((stream, i) => {
    objects.push(`<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 3 0 R >> >> /Contents ${5 + i * 2} 0 R >>`);
    objects.push(`<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`);
  });
  let out = '%PDF-1.4\n%\xe2\xe3\xcf\xd3\n';
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(out.length);
    out += `${i + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xrefAt = out.length;
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const offset of offsets) out += `${String(offset).padStart(10, '0')} 00000 n \n`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xrefAt}\n%%EOF\n`;
  return Buffer.from(out, 'latin1');
}

function pngChunk(type: string, data: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'ascii');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(data, crc32(head.subarray(4))) >>> 0, 0);
  return Buffer.concat([head, data, crc]);
}

/** An RGB gradient PNG of about `targetBytes` (deflate level 0 keeps the size predictable). */
export function makePng(rng: SeededRandom, targetBytes: number): Buffer {
  const width = rng.int(160, 480);
  const height = Math.max(1, Math.ceil(targetBytes / (1 + width * 3)));
  // 16 row patterns, repeated in bands of 8 rows: a valid, pleasant image at memcpy speed.
  const rowBytes = 1 + width * 3;
  const patterns = Buffer.alloc(16 * rowBytes);
  const [r0, g0, b0] = [rng.int(0, 255), rng.int(0, 255), rng.int(0, 255)];
  for (let p = 0; p < 16; p++) {
    let i = p * rowBytes + 1;
    for (let x = 0; x < width; x++) {
      patterns[i++] = (r0 + (x * 255) / width) & 0xff;
      patterns[i++] = (g0 + p * 16) & 0xff;
      patterns[i++] = (b0 + ((x ^ (p * 4)) & 0x3f)) & 0xff;
    }
  }
  const raw = Buffer.alloc(height * rowBytes);
  for (let y = 0; y < height; y++) {
    const p = (y >> 3) & 15;
    patterns.copy(raw, y * rowBytes, p * rowBytes, (p + 1) * rowBytes);
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 2; // truecolour RGB
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk('IHDR', ihdr),
    pngChunk('IDAT', deflateSync(raw, { level: 0 })),
    pngChunk('IEND', Buffer.alloc(0)),
  ]);
}

export function makeCsv(rng: SeededRandom, targetBytes: number): Buffer {
  if (!csvRowPool) {
    const pr = new SeededRandom(0xc5f);
    csvRowPool = Array.from({ length: 4000 }, () => `2025-${String(pr.int(1, 12)).padStart(2, '0')}-${String(pr.int(1, 28)).padStart(2, '0')},`
      + `"${pr.pick(WORK_WORDS)} ${pr.pick(WORK_WORDS)}",${pr.pick(['travel', 'software', 'hardware', 'services', 'office'])},`
      + `${(pr.next() * 5000).toFixed(2)},${pr.pick(['EUR', 'USD', 'GBP'])}`);
  }
  let out = 'date,description,category,amount,currency\r\n';
  while (out.length < targetBytes) out += rng.pick(csvRowPool) + '\r\n';
  return Buffer.from(out, 'utf8');
}

export function makeLogFile(rng: SeededRandom, targetBytes: number): Buffer {
  if (!logLinePool) {
    const pr = new SeededRandom(0x109);
    logLinePool = Array.from({ length: 4000 }, () => ` ${pr.weighted([['INFO', 20], ['WARN', 3], ['ERROR', 1]] as const)} `
      + `${pr.pick(['api', 'sync', 'db', 'worker'])}[${pr.int(100, 999)}]: ${pr.pick(WORK_WORDS)} ${pr.pick(WORK_WORDS)} latency=${pr.int(1, 900)}ms\n`);
  }
  let t = Date.UTC(2025, 0, 1) + rng.int(0, 300) * 86_400_000;
  let out = '';
  let stamp = '';
  for (let n = 0; out.length < targetBytes; n++) {
    t += rng.int(1, 900);
    if (n % 8 === 0) stamp = new Date(t).toISOString(); // bursts of lines share a timestamp, as in real logs
    out += stamp + rng.pick(logLinePool);
  }
  return Buffer.from(out, 'utf8');
}

export function makeAttachment(kind: AttachmentKind, rng: SeededRandom, targetBytes: number, title: string): Buffer {
  switch (kind) {
    case 'pdf': return makePdf(rng, targetBytes, title);
    case 'png': return makePng(rng, targetBytes);
    case 'csv': return makeCsv(rng, targetBytes);
    case 'txt': return makeLogFile(rng, targetBytes);
  }
}
