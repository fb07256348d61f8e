// Draws PMSync's icons (a white envelope on a blue rounded square) and writes them as PNG.
// No image tools needed: the pixels are computed here and encoded with zlib.
//   node resources/make-icons.mjs   → resources/icon.png (512), tray.png (16), tray@2x.png (32)
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { deflateSync } from 'node:zlib';
import { Buffer } from 'node:buffer';
import process from 'node:process';

const here = dirname(fileURLToPath(import.meta.url));
const BLUE = [37, 99, 235];
const WHITE = [255, 255, 255];
const SAMPLES = 4; // 4×4 sub-samples per pixel: smooth edges even at 16 px

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes) {
  let c = 0xffffffff;
  for (const byte of bytes) c = CRC_TABLE[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'ascii');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
  return Buffer.concat([head, data, crc]);
}

/** RGBA rows → PNG file bytes (colour type 6, 8 bits, no interlace, filter 0 on every row). */
export function encodePng(size, rgba) {
  const raw = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) {
    raw[y * (size * 4 + 1)] = 0;
    rgba.copy(raw, y * (size * 4 + 1) + 1, y * size * 4, (y + 1) * size * 4);
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr.set([8, 6, 0, 0, 0], 8);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

function insideRoundedSquare(x, y, radius) {
  const cx = Math.min(Math.max(x, radius), 1 - radius);
  const cy = Math.min(Math.max(y, radius), 1 - radius);
  return (x - cx) ** 2 + (y - cy) ** 2 <= radius ** 2;
}

function distanceToSegment(px, py, [ax, ay], [bx, by]) {
  const t = Math.max(0, Math.min(1, ((px - ax) * (bx - ax) + (py - ay) * (by - ay)) / ((bx - ax) ** 2 + (by - ay) ** 2)));
  return Math.hypot(px - (ax + t * (bx - ax)), py - (ay + t * (by - ay)));
}

/** What colour a point of the unit square has, or null where the icon is transparent. */
function colourAt(x, y, size) {
  if (!insideRoundedSquare(x, y, 0.22)) return null;
  const [left, right, top, bottom] = [0.18, 0.82, 0.28, 0.72];
  if (x < left || x > right || y < top || y > bottom) return BLUE;
  // The flap: a blue V across the envelope, at least one pixel wide at small sizes.
  const half = Math.max(0.035, 0.6 / size);
  const tip = [0.5, 0.54];
  const onFlap = distanceToSegment(x, y, [left, top], tip) <= half || distanceToSegment(x, y, tip, [right, top]) <= half;
  return onFlap ? BLUE : WHITE;
}

export function drawIcon(size) {
  const rgba = Buffer.alloc(size * size * 4);
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let r = 0;
      let g = 0;
      let b = 0;
      let covered = 0;
      for (let sy = 0; sy < SAMPLES; sy++) {
        for (let sx = 0; sx < SAMPLES; sx++) {
          const colour = colourAt((px + (sx + 0.5) / SAMPLES) / size, (py + (sy + 0.5) / SAMPLES) / size, size);
          if (!colour) continue;
          r += colour[0];
          g += colour[1];
          b += colour[2];
          covered++;
        }
      }
      const i = (py * size + px) * 4;
      if (covered === 0) continue;
      rgba[i] = Math.round(r / covered);
      rgba[i + 1] = Math.round(g / covered);
      rgba[i + 2] = Math.round(b / covered);
      rgba[i + 3] = Math.round((255 * covered) / (SAMPLES * SAMPLES));
    }
  }
  return encodePng(size, rgba);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  for (const [name, size] of [['icon.png', 512], ['tray.png', 16], ['tray@2x.png', 32]]) {
    writeFileSync(join(here, name), drawIcon(size));
    process.stdout.write(`wrote resources/${name} (${size}×${size})\n`);
  }
}
