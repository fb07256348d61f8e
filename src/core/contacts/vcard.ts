import type { ContactFields } from '../../shared/api/contacts';
import { PmsyncError } from '../../shared/errors';
import { CardEditor } from './vcard-edit';
import { readCardLines, writeCard, type ContentLine } from './vcard-lines';
import { readFields, textValue } from './vcard-fields';
import { escapeText } from './vcard-text';

export type VCardVersion = '3.0' | '4.0';

export interface ParsedVCard {
  /** What PMSync reports: "4.0", else "3.0" (2.1 cards are read as 3.0 and keep their VERSION line). */
  version: VCardVersion;
  uid: string;
  fields: ContactFields;
  photoIssue: string | null;
  /** Lines were dropped while reading (malformed or too many); editing would lose them. */
  lossy: boolean;
  lines: ContentLine[];
}

/** Reads a vCard 2.1/3.0/4.0; never throws, whatever the input. */
export function parseVCard(text: string): ParsedVCard {
  const { lines, lossy } = readCardLines(text);
  const versionLine = lines.find((l) => l.name === 'VERSION');
  const uidLine = lines.find((l) => l.name === 'UID');
  const { fields, photoIssue } = readFields(lines);
  return {
    version: versionLine?.value.trim() === '4.0' ? '4.0' : '3.0',
    uid: uidLine ? textValue(uidLine).trim().slice(0, 1000) : '',
    fields,
    photoIssue,
    lossy,
    lines,
  };
}

function versionOf(parsed: ParsedVCard): string {
  return parsed.lines.find((l) => l.name === 'VERSION')?.value.trim() ?? parsed.version;
}

/** Applies `changes` to a card and returns the new text; properties PMSync does not know are kept as they were. */
export function editVCard(text: string, changes: Partial<ContactFields>): string {
  const parsed = parseVCard(text);
  if (parsed.lossy) {
    throw new PmsyncError(
      'INVALID_INPUT',
      'This contact has parts PMSync could not read (damaged or very large), so saving would lose them.',
      'Edit it in the app that created it, or delete it and create it again in PMSync.',
    );
  }
  const version = versionOf(parsed);
  const editor = new CardEditor([...parsed.lines], version);
  editor.apply(parsed.fields, changes);
  return writeCard(editor.result(), version);
}

/** A new card: VERSION, PRODID, UID, REV, FN and N first, as RFC 6350 and most servers expect. */
export function buildVCard(version: VCardVersion, uid: string, fields: Partial<ContactFields> & { fullName: string }): string {
  const rev = new Date().toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
  const skeleton = ['BEGIN:VCARD', `VERSION:${version}`, 'PRODID:-//PMSync//PMSync//EN', `UID:${escapeText(uid)}`, `REV:${rev}`, 'FN:', 'N:;;;;', 'END:VCARD', ''].join('\r\n');
  return editVCard(skeleton, fields);
}
