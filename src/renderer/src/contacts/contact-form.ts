import type { Contact, ContactFields } from '../../../shared/api/contacts';

/** What the edit form holds: plain strings, so every input is controlled and nothing is lost mid-typing. */
export interface TypedRow { type: string; value: string }
export interface AddressRow { type: string; street: string; locality: string; region: string; postalCode: string; country: string }

export interface ContactForm {
  fullName: string;
  givenName: string;
  familyName: string;
  organization: string;
  title: string;
  /** YYYY-MM-DD, --MM-DD, or '' for none. */
  birthday: string;
  note: string;
  photo: string | null;
  /** Comma-separated group names. */
  groups: string;
  emails: TypedRow[];
  phones: TypedRow[];
  addresses: AddressRow[];
}

export const EMAIL_TYPES = ['home', 'work', 'other'];
export const PHONE_TYPES = ['cell', 'home', 'work', 'fax', 'other'];
export const ADDRESS_TYPES = ['home', 'work', 'other'];
/** Matches the core's limit (src/core/contacts/limits.ts): checked here so the user hears it before uploading. */
export const MAX_PHOTO_BYTES = 1_000_000;

export function emptyAddress(): AddressRow {
  return { type: 'home', street: '', locality: '', region: '', postalCode: '', country: '' };
}

export function emptyForm(): ContactForm {
  return { fullName: '', givenName: '', familyName: '', organization: '', title: '', birthday: '', note: '', photo: null, groups: '', emails: [{ type: 'home', value: '' }], phones: [{ type: 'cell', value: '' }], addresses: [] };
}

export function formFromContact(c: Contact): ContactForm {
  return {
    fullName: c.fullName,
    givenName: c.givenName,
    familyName: c.familyName,
    organization: c.organization,
    title: c.title,
    birthday: c.birthday ?? '',
    note: c.note,
    photo: c.photo,
    groups: c.groups.join(', '),
    emails: c.emails.map((e) => ({ ...e })),
    phones: c.phones.map((p) => ({ ...p })),
    addresses: c.addresses.map((a) => ({ ...a })),
  };
}

export function parseGroups(text: string): string[] {
  return [...new Set(text.split(',').map((g) => g.trim()).filter(Boolean))];
}

/** The fields to save; a missing full name is made from the name parts or organization. */
export function fieldsFromForm(f: ContactForm): ContactFields {
  const givenName = f.givenName.trim();
  const familyName = f.familyName.trim();
  const organization = f.organization.trim();
  return {
    fullName: f.fullName.trim() || [givenName, familyName].filter(Boolean).join(' ') || organization,
    givenName,
    familyName,
    organization,
    title: f.title.trim(),
    birthday: f.birthday.trim() === '' ? null : f.birthday.trim(),
    note: f.note,
    photo: f.photo,
    groups: parseGroups(f.groups),
    emails: f.emails.map((e) => ({ type: e.type.trim(), value: e.value.trim() })).filter((e) => e.value !== ''),
    phones: f.phones.map((p) => ({ type: p.type.trim(), value: p.value.trim() })).filter((p) => p.value !== ''),
    addresses: f.addresses
      .map((a) => ({ type: a.type.trim(), street: a.street.trim(), locality: a.locality.trim(), region: a.region.trim(), postalCode: a.postalCode.trim(), country: a.country.trim() }))
      .filter((a) => [a.street, a.locality, a.region, a.postalCode, a.country].some(Boolean)),
  };
}

const EMAIL = /^[^\s@<>()",;]+@[^\s@<>()",;]+$/;

/** Problems the user can fix before saving, each saying what to do; empty when the form can be saved. */
export function formProblems(f: ContactForm): string[] {
  const fields = fieldsFromForm(f);
  const problems: string[] = [];
  if (fields.fullName === '') problems.push('Give the contact a name (or at least a first name, last name or organization).');
  for (const e of fields.emails) if (!EMAIL.test(e.value)) problems.push(`"${e.value}" is not an email address; write it like name@example.com.`);
  if (fields.birthday !== null && !/^(\d{4}-\d{2}-\d{2}|--\d{2}-\d{2})$/.test(fields.birthday)) {
    problems.push('Write the birthday as YYYY-MM-DD, or --MM-DD when you do not know the year.');
  }
  return problems;
}

/** Only what differs from the stored contact, so an edit never rewrites properties the user did not touch. */
export function changedFields(before: Contact, after: ContactFields): Partial<ContactFields> {
  const changes: Partial<ContactFields> = {};
  for (const key of Object.keys(after) as Array<keyof ContactFields>) {
    if (JSON.stringify(after[key]) !== JSON.stringify(before[key])) (changes as Record<string, unknown>)[key] = after[key];
  }
  return changes;
}

export function initials(name: string): string {
  const words = name.trim().split(/\s+/).filter((w) => /\p{L}|\p{N}/u.test(w));
  const letters = words.length > 1 ? [words[0], words[words.length - 1]] : words;
  return letters.map((w) => [...w][0] ?? '').join('').toUpperCase() || '?';
}

/** Why a picked file cannot be the photo, or null when it can. */
export function photoProblem(file: { type: string; size: number }): string | null {
  if (!/^image\/(jpeg|png|gif|webp)$/.test(file.type)) return 'Choose a JPEG, PNG, GIF or WebP image for the photo.';
  if (file.size > MAX_PHOTO_BYTES) return `The photo is ${(file.size / 1_000_000).toFixed(1)} MB; choose one under 1 MB (crop or resize it first).`;
  return null;
}

/** "--04-12" reads as "12 April"; a full date in the user's locale. */
export function formatBirthday(value: string, locale?: string): string {
  const yearless = /^--(\d{2})-(\d{2})$/.exec(value);
  const date = yearless ? new Date(Date.UTC(2000, Number(yearless[1]) - 1, Number(yearless[2]))) : new Date(`${value}T00:00:00Z`);
  if (Number.isNaN(date.getTime())) return value;
  return date.toLocaleDateString(locale, { timeZone: 'UTC', day: 'numeric', month: 'long', ...(yearless ? {} : { year: 'numeric' }) });
}

export function formatAddress(a: AddressRow): string[] {
  return [a.street, [a.postalCode, a.locality].filter(Boolean).join(' '), a.region, a.country].flatMap((l) => l.split('\n')).map((l) => l.trim()).filter(Boolean);
}
