/**
 * Address lists as people type them ("Ann <ann@x.org>, bob@y.org", groups, commas inside
 * quotes), turned into validated, header-safe Address values. Anything ambiguous is refused
 * rather than guessed at: sending to a wrong or partial recipient is worse than asking again.
 */
import type { Address } from '../../shared/api/mail';
import { PmsyncError } from '../../shared/errors';

const MAX_NAME_LENGTH = 200;
const MAX_SHOWN_INPUT = 80;
const LOCAL_ATOM = "[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+";
const LOCAL_PART = new RegExp(`^${LOCAL_ATOM}(?:\\.${LOCAL_ATOM})*$`);
// Letters and digits of any script (IDN domains are punycoded by nodemailer when sent).
const DOMAIN_LABEL = /^[\p{L}\p{N}](?:[\p{L}\p{N}\p{M}-]{0,61}[\p{L}\p{N}\p{M}])?$/u;
// C0/C1 controls, line/paragraph separators and bidi overrides: none belongs in a header.
// eslint-disable-next-line no-control-regex -- removing control characters is the point
const UNSAFE_IN_HEADER = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069]/gu;

function invalid(input: string, field?: string): PmsyncError {
  const shown = input.replace(UNSAFE_IN_HEADER, ' ').replace(/\s+/g, ' ').trim();
  const clipped = shown.length > MAX_SHOWN_INPUT ? `${shown.slice(0, MAX_SHOWN_INPUT)}…` : shown;
  const where = field ? ` (in ${field})` : '';
  return new PmsyncError(
    'INVALID_INPUT',
    `"${clipped}"${where} is not a valid email address.`,
    'Check it for typos. Write addresses like name@example.org or Name <name@example.org>, separated by commas.',
  );
}

/** True for a plain mailbox address `local@domain.tld` (dot-atom local part, dotted domain). */
export function isValidEmailAddress(address: string): boolean {
  if (address.length > 254) return false;
  const at = address.lastIndexOf('@');
  if (at <= 0 || at === address.length - 1) return false;
  const local = address.slice(0, at);
  const domain = address.slice(at + 1);
  if (local.length > 64 || !LOCAL_PART.test(local)) return false;
  const labels = domain.split('.');
  // A dotless domain is legal but, typed by a person, nearly always a typo ("bob@gmail").
  if (labels.length < 2) return false;
  if (!labels.every((l) => DOMAIN_LABEL.test(l))) return false;
  return !/^\d+$/.test(labels[labels.length - 1]);
}

/** Text safe inside a header (subject, name, file name): controls and bidi overrides become spaces. */
export function sanitizeHeaderText(text: string, maxChars: number): string {
  const clean = text.replace(UNSAFE_IN_HEADER, ' ').replace(/\s+/gu, ' ').trim();
  return clean.length <= maxChars ? clean : Array.from(clean).slice(0, maxChars).join('');
}

/** A display name safe to put in a header, length bounded. */
export function sanitizeDisplayName(name: string): string {
  return sanitizeHeaderText(name, MAX_NAME_LENGTH);
}

/** Checks structured addresses (from the API or a stored draft); returns header-safe copies or throws INVALID_INPUT. */
export function validateAddresses(list: readonly Address[], field?: string): Address[] {
  return list.map((a) => {
    const address = a.address.trim().replace(/^<(.*)>$/s, '$1');
    if (!isValidEmailAddress(address)) throw invalid(a.address, field);
    const name = sanitizeDisplayName(a.name);
    return { name: name === address ? '' : name, address };
  });
}

/** Drops repeated addresses (case-insensitively) and any in `exclude`; the first occurrence wins. */
export function uniqueAddresses(list: readonly Address[], exclude: readonly string[] = []): Address[] {
  const seen = new Set(exclude.map((e) => e.trim().toLowerCase()));
  const out: Address[] = [];
  for (const a of list) {
    const key = a.address.trim().toLowerCase();
    if (key === '' || seen.has(key)) continue;
    seen.add(key);
    out.push(a);
  }
  return out;
}

/** One line for display or a CLI: `"Doe, Jane" <jane@x.org>, bob@y.org`. */
export function formatAddressList(list: readonly Address[]): string {
  return list
    .map((a) => {
      const name = sanitizeDisplayName(a.name);
      if (name === '') return a.address;
      const quoted = /^[\p{L}\p{N} !#$%&'*+/=?^_`{|}~.-]*$/u.test(name) ? name : `"${name.replace(/["\\]/g, '\\$&')}"`;
      return `${quoted} <${a.address}>`;
    })
    .join(', ');
}

/**
 * Splits at top-level commas and semicolons, honouring quotes, comments and angle brackets.
 * A group ("Team: a@x.org, b@y.org;") contributes its members; its label is dropped.
 */
function splitEntries(input: string, field?: string): string[] {
  const entries: string[] = [];
  let current = '';
  let quoted = false;
  let escaped = false;
  let comment = 0;
  let angle = false;
  for (const ch of input) {
    if (escaped) {
      current += ch;
      escaped = false;
    } else if (quoted) {
      current += ch;
      if (ch === '\\') escaped = true;
      else if (ch === '"') quoted = false;
    } else if (comment > 0) {
      current += ch;
      if (ch === '\\') escaped = true;
      else if (ch === '(') comment++;
      else if (ch === ')') comment--;
    } else if (ch === '"') {
      quoted = true;
      current += ch;
    } else if (ch === '(') {
      comment = 1;
      current += ch;
    } else if (ch === '<') {
      angle = true;
      current += ch;
    } else if (ch === '>') {
      angle = false;
      current += ch;
    } else if (!angle && (ch === ',' || ch === ';')) {
      entries.push(current);
      current = '';
    } else if (!angle && ch === ':' && !current.includes('@') && !current.includes('<')) {
      current = ''; // a group label: what follows are its members
    } else {
      current += ch;
    }
  }
  if (quoted || comment > 0 || angle) throw invalid(input, field);
  entries.push(current);
  return entries.map((e) => e.trim()).filter((e) => e !== '');
}

function stripComments(s: string): string {
  let out = '';
  let depth = 0;
  let quoted = false;
  for (let i = 0; i < s.length; i++) {
    const ch = s[i];
    if (depth === 0 && ch === '"') quoted = !quoted;
    if (!quoted && ch === '(') depth++;
    if (depth === 0) out += ch;
    else if (ch === '\\') i++;
    if (!quoted && ch === ')' && depth > 0) {
      depth--;
      if (depth === 0) out += ' ';
    }
  }
  return out;
}

function unquoteName(raw: string): string {
  const t = raw.trim();
  if (t.length >= 2 && t.startsWith('"') && t.endsWith('"')) return t.slice(1, -1).replace(/\\(.)/g, '$1');
  return t;
}

function parseEntry(entry: string, field?: string): Address {
  const lt = entry.lastIndexOf('<');
  if (lt < 0) {
    const address = stripComments(entry).trim();
    if (!isValidEmailAddress(address)) throw invalid(entry, field);
    return { name: '', address };
  }
  const gt = entry.indexOf('>', lt);
  const address = entry.slice(lt + 1, gt).trim();
  const rest = stripComments(entry.slice(gt + 1)).trim();
  const rawName = stripComments(entry.slice(0, lt));
  // A second address hiding in the name ("a@x.org b@y.org <c@z.org>") is a typing slip, not a name.
  const nameHasAddress = !rawName.trim().startsWith('"') && rawName.includes('@');
  if (rest !== '' || nameHasAddress || !isValidEmailAddress(address)) throw invalid(entry, field);
  return { name: sanitizeDisplayName(unquoteName(rawName)), address };
}

/**
 * Parses a typed address list. Line breaks and other controls count as spaces (so "a@x.org\r\nBcc:
 * evil@y.org" is refused as one bad entry, never split into a header). Duplicates are dropped.
 * Throws PmsyncError('INVALID_INPUT') naming the first entry that is not a valid address.
 */
export function parseAddressList(input: string, field?: string): Address[] {
  const flat = input.replace(UNSAFE_IN_HEADER, ' ');
  return uniqueAddresses(splitEntries(flat, field).map((e) => parseEntry(e, field)));
}
