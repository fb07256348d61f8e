import type { ContactFields } from '../../shared/api/contacts';
import { clip, VCARD_LIMITS as L } from './limits';
import { paramValue, paramValues, type ContentLine } from './vcard-lines';
import { dataUrl, readPhoto } from './vcard-photo';
import { decodeCharset, decodeQuotedPrintable, structuredComponents, textList, unescapeText } from './vcard-text';

/** The value with QUOTED-PRINTABLE and CHARSET undone, still backslash-escaped. */
export function decodedValue(line: ContentLine): string {
  if (paramValue(line, 'ENCODING')?.toUpperCase() !== 'QUOTED-PRINTABLE') return line.value;
  return decodeCharset(decodeQuotedPrintable(line.value), paramValue(line, 'CHARSET'));
}

export function textValue(line: ContentLine): string {
  return unescapeText(decodedValue(line));
}

/** TYPE values that say nothing a user would want to see. */
const NOISE = new Set(['pref', 'internet', 'x400', 'voice', 'msg', 'text']);

/** Apple's `item1.X-ABLabel:_$!<Mobile>!$_` labels a grouped property; its own label wins over TYPE. */
export function labelsByGroup(lines: ContentLine[]): Map<string, string> {
  const labels = new Map<string, string>();
  for (const l of lines) {
    if (l.group && l.name === 'X-ABLABEL') labels.set(l.group.toLowerCase(), textValue(l).replace(/^_\$!<(.*)>!\$_$/, '$1').trim());
  }
  return labels;
}

export function typeOf(line: ContentLine, labels: Map<string, string>): string {
  const label = line.group ? labels.get(line.group.toLowerCase()) : undefined;
  if (label) return clip(label.toLowerCase(), L.type);
  const type = paramValues(line, 'TYPE').flatMap((t) => t.split(',')).map((t) => t.trim().toLowerCase()).find((t) => t !== '' && !NOISE.has(t));
  return clip(type ?? '', L.type);
}

/** YYYY-MM-DD, --MM-DD, or null when the value is free text or not a real date. */
export function normalizeBirthday(line: ContentLine): string | null {
  const value = textValue(line).trim();
  const valid = (m: string, d: string) => Number(m) >= 1 && Number(m) <= 12 && Number(d) >= 1 && Number(d) <= 31;
  const yearless = /^--(\d{2})-?(\d{2})$/.exec(value);
  if (yearless) return valid(yearless[1], yearless[2]) ? `--${yearless[1]}-${yearless[2]}` : null;
  const full = /^(\d{4})-?(\d{2})-?(\d{2})(?:$|T)/.exec(value);
  if (!full || !valid(full[2], full[3])) return null;
  // Apple writes a birthday without a year as 1604-MM-DD with X-APPLE-OMIT-YEAR=1604.
  if (paramValue(line, 'X-APPLE-OMIT-YEAR') === full[1]) return `--${full[2]}-${full[3]}`;
  return `${full[1]}-${full[2]}-${full[3]}`;
}

export function phoneValue(line: ContentLine): string {
  return textValue(line).trim().replace(/^tel:/i, '');
}

export type Address = ContactFields['addresses'][number];

export function addressOf(line: ContentLine, labels: Map<string, string>): Address {
  const c = structuredComponents(decodedValue(line));
  return {
    type: typeOf(line, labels),
    street: clip(c[2] ?? '', L.street),
    locality: clip(c[3] ?? '', L.addressPart),
    region: clip(c[4] ?? '', L.addressPart),
    postalCode: clip(c[5] ?? '', L.postalCode),
    country: clip(c[6] ?? '', L.addressPart),
  };
}

export interface ReadFields {
  fields: ContactFields;
  /** Why a PHOTO present in the card is not shown (remote, not an image, too large). */
  photoIssue: string | null;
}

/** Everything PMSync shows of a card; never throws, every string within the contract's limits. */
export function readFields(lines: ContentLine[]): ReadFields {
  const labels = labelsByGroup(lines);
  const named = (name: string) => lines.filter((l) => l.name === name);
  const first = (name: string) => lines.find((l) => l.name === name);
  const n = first('N');
  const nameParts = n ? structuredComponents(decodedValue(n)) : [];
  const familyName = clip((nameParts[0] ?? '').trim(), L.namePart);
  const givenName = clip((nameParts[1] ?? '').trim(), L.namePart);
  const org = first('ORG');
  const organization = clip(org ? (structuredComponents(decodedValue(org))[0] ?? '').trim() : '', L.organization);
  const emails = named('EMAIL').map((l) => ({ type: typeOf(l, labels), value: clip(textValue(l).trim(), L.typed) })).filter((e) => e.value !== '').slice(0, L.emails);
  const phones = named('TEL').map((l) => ({ type: typeOf(l, labels), value: clip(phoneValue(l), L.typed) })).filter((p) => p.value !== '').slice(0, L.phones);
  const fn = first('FN');
  const fullName = clip(
    (fn ? textValue(fn).trim() : '') || [givenName, familyName].filter(Boolean).join(' ') || organization || (emails[0]?.value ?? ''),
    L.fullName,
  );
  const bday = first('BDAY');
  let photo: string | null = null;
  let photoIssue: string | null = null;
  for (const line of named('PHOTO')) {
    const result = readPhoto(line);
    if (result.ok) {
      photo = dataUrl(result.mime, result.bytes);
      photoIssue = null;
      break;
    }
    photoIssue ??= result.reason;
  }
  const groups = [...new Set(named('CATEGORIES').flatMap((l) => textList(decodedValue(l))).map((g) => clip(g.trim(), L.group)).filter(Boolean))].slice(0, L.groups);
  return {
    fields: {
      fullName,
      givenName,
      familyName,
      emails,
      phones,
      addresses: named('ADR').map((l) => addressOf(l, labels)).slice(0, L.addresses),
      organization,
      title: clip(first('TITLE') ? textValue(first('TITLE') as ContentLine).trim() : '', L.title),
      birthday: bday ? normalizeBirthday(bday) : null,
      note: clip(named('NOTE').map(textValue).join('\n\n'), L.note),
      photo,
      groups,
    },
    photoIssue,
  };
}
