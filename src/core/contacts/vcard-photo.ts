import { VCARD_LIMITS } from './limits';
import { paramValue, paramValues, type ContentLine } from './vcard-lines';

export type PhotoResult =
  | { ok: true; mime: ImageMime; bytes: Buffer }
  | { ok: false; reason: string };

export type ImageMime = 'image/jpeg' | 'image/png' | 'image/gif' | 'image/webp';

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/** The image type from the bytes themselves; a declared type is never trusted (an SVG could carry script). */
export function sniffImage(bytes: Buffer): ImageMime | null {
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'image/jpeg';
  if (bytes.length >= 8 && bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'image/png';
  if (bytes.length >= 6 && /^GIF8[79]a$/.test(bytes.subarray(0, 6).toString('latin1'))) return 'image/gif';
  if (bytes.length >= 12 && bytes.subarray(0, 4).toString('latin1') === 'RIFF' && bytes.subarray(8, 12).toString('latin1') === 'WEBP') return 'image/webp';
  return null;
}

function fromBase64(text: string): Buffer | null {
  const compact = text.replace(/\s+/g, '');
  // Length is checked before decoding so an oversize photo costs nothing.
  if (compact.length % 4 !== 0 || !BASE64.test(compact)) return null;
  return Buffer.from(compact, 'base64');
}

function megabytes(n: number): string {
  return `${(n / 1_000_000).toFixed(1)} MB`;
}

/** Checks decoded bytes: an image of a kind PMSync shows, within the size limit. */
export function checkPhotoBytes(bytes: Buffer): PhotoResult {
  if (bytes.length > VCARD_LIMITS.maxPhotoBytes) {
    return { ok: false, reason: `The photo is ${megabytes(bytes.length)}; PMSync accepts photos up to ${megabytes(VCARD_LIMITS.maxPhotoBytes)}.` };
  }
  const mime = sniffImage(bytes);
  if (!mime) return { ok: false, reason: 'The photo is not a JPEG, PNG, GIF or WebP image.' };
  return { ok: true, mime, bytes };
}

/** Reads a `data:` URL (from the UI or a vCard 4.0 PHOTO). */
export function photoFromDataUrl(url: string): PhotoResult {
  const match = /^data:([^,;]*)((?:;[^,;]*)*),(.*)$/s.exec(url.trim());
  if (!match) return { ok: false, reason: 'The photo is not a data: URL.' };
  if (!/;base64$/i.test(match[2])) return { ok: false, reason: 'The photo data: URL is not base64-encoded.' };
  // Refuse before decoding: base64 is 4/3 of the bytes.
  if (match[3].length > (VCARD_LIMITS.maxPhotoBytes * 4) / 3 + 8) {
    return { ok: false, reason: `The photo is about ${megabytes((match[3].length * 3) / 4)}; PMSync accepts photos up to ${megabytes(VCARD_LIMITS.maxPhotoBytes)}.` };
  }
  const bytes = fromBase64(match[3]);
  return bytes ? checkPhotoBytes(bytes) : { ok: false, reason: 'The photo data is not valid base64.' };
}

/**
 * A PHOTO property: inline base64 (3.0 `ENCODING=b`, 2.1 `ENCODING=BASE64`) or a `data:` URI
 * (4.0). Remote URIs are never fetched: they would tell the sender the card was opened.
 */
export function readPhoto(line: ContentLine): PhotoResult {
  const encoding = paramValue(line, 'ENCODING')?.toLowerCase();
  const value = line.value.trim();
  if (encoding === 'b' || encoding === 'base64') {
    if (value.length > (VCARD_LIMITS.maxPhotoBytes * 4) / 3 + 1024) {
      return { ok: false, reason: `The photo is about ${megabytes((value.length * 3) / 4)}; PMSync accepts photos up to ${megabytes(VCARD_LIMITS.maxPhotoBytes)}.` };
    }
    const bytes = fromBase64(value);
    return bytes ? checkPhotoBytes(bytes) : { ok: false, reason: 'The photo data is not valid base64.' };
  }
  if (/^data:/i.test(value)) return photoFromDataUrl(value);
  const isUri = paramValues(line, 'VALUE').some((v) => v.toLowerCase() === 'uri') || /^[a-z][a-z0-9+.-]*:/i.test(value);
  return { ok: false, reason: isUri ? 'The photo is a link to a remote image, which PMSync does not fetch.' : 'The photo is in a form PMSync cannot read.' };
}

export function dataUrl(mime: ImageMime, bytes: Buffer): string {
  return `data:${mime};base64,${bytes.toString('base64')}`;
}

/** The PHOTO line for a card of `version`. */
export function photoLine(mime: ImageMime, bytes: Buffer, version: string): ContentLine {
  if (version === '4.0') return { group: null, name: 'PHOTO', params: [], value: dataUrl(mime, bytes), raw: null };
  const type = mime.slice('image/'.length).toUpperCase();
  return { group: null, name: 'PHOTO', params: [{ name: 'ENCODING', values: ['b'] }, { name: 'TYPE', values: [type] }], value: bytes.toString('base64'), raw: null };
}
