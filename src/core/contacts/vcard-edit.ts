import type { ContactFields } from '../../shared/api/contacts';
import { PmsyncError } from '../../shared/errors';
import type { ContentLine, VParam } from './vcard-lines';
import { addressOf, decodedValue, labelsByGroup, phoneValue, textValue, typeOf, type Address } from './vcard-fields';
import { photoFromDataUrl, photoLine } from './vcard-photo';
import { escapeText, splitEscaped } from './vcard-text';

/**
 * Applies field changes to the lines of a card. Only the properties a change touches are
 * rewritten; every other line (unknown X- properties, params PMSync does not read, the
 * VERSION) stays byte for byte, and an EMAIL/TEL/ADR entry that did not change keeps its
 * original line (PREF, labels, groups included).
 */
export class CardEditor {
  constructor(private lines: ContentLine[], private readonly version: string) {}

  result(): ContentLine[] {
    return this.lines;
  }

  apply(current: ContactFields, changes: Partial<ContactFields>): void {
    /** The new value of a field, or undefined when the change leaves it as it is. */
    const pick = <K extends keyof ContactFields>(k: K): ContactFields[K] | undefined => {
      const v = changes[k];
      return v !== undefined && JSON.stringify(v) !== JSON.stringify(current[k]) ? (v as ContactFields[K]) : undefined;
    };
    const fullName = pick('fullName');
    if (fullName !== undefined) this.setSingle('FN', escapeText(fullName));
    if (pick('givenName') !== undefined || pick('familyName') !== undefined) {
      this.setStructured('N', 5, { 0: changes.familyName ?? current.familyName, 1: changes.givenName ?? current.givenName }, true);
    }
    const organization = pick('organization');
    if (organization !== undefined) this.setStructured('ORG', 1, { 0: organization }, false);
    const title = pick('title');
    if (title !== undefined) this.setSingle('TITLE', title === '' ? null : escapeText(title));
    const note = pick('note');
    if (note !== undefined) this.setSingle('NOTE', note === '' ? null : escapeText(note));
    const birthday = pick('birthday');
    if (birthday !== undefined) this.setSingle('BDAY', birthday === null ? null : this.birthdayValue(birthday));
    const groups = pick('groups')?.map((g) => g.trim()).filter(Boolean);
    if (groups !== undefined) this.setSingle('CATEGORIES', groups.length === 0 ? null : groups.map(escapeText).join(','));
    const photo = pick('photo');
    if (photo !== undefined) this.setPhoto(photo);
    const emails = pick('emails');
    if (emails !== undefined) this.setMany('EMAIL', emails, (l, labels) => ({ type: typeOf(l, labels), value: textValue(l).trim() }), (e) => escapeText(e.value.trim()));
    const phones = pick('phones');
    if (phones !== undefined) this.setMany('TEL', phones, (l, labels) => ({ type: typeOf(l, labels), value: phoneValue(l) }), (p) => escapeText(p.value.trim()));
    const addresses = pick('addresses');
    if (addresses !== undefined) {
      this.setMany<Address>('ADR', addresses, addressOf, (a) => ['', '', a.street, a.locality, a.region, a.postalCode, a.country].map(escapeText).join(';'));
    }
    this.touchRevision();
  }

  private birthdayValue(birthday: string): string {
    const yearless = /^--(\d{2})-(\d{2})$/.exec(birthday);
    const full = /^(\d{4})-(\d{2})-(\d{2})$/.exec(birthday);
    if (!yearless && !full) {
      throw new PmsyncError('INVALID_INPUT', `"${birthday}" is not a birthday PMSync can store.`, 'Write it as YYYY-MM-DD, or --MM-DD when the year is unknown.');
    }
    if (this.version === '4.0') return yearless ? `--${yearless[1]}${yearless[2]}` : `${full?.[1]}${full?.[2]}${full?.[3]}`;
    return birthday;
  }

  private setPhoto(photo: string | null): void {
    this.removeAll('PHOTO');
    if (photo === null) return;
    const result = photoFromDataUrl(photo);
    if (!result.ok) throw new PmsyncError('INVALID_INPUT', result.reason, 'Choose a JPEG or PNG photo under 1 MB (crop or resize it first).');
    this.insert([photoLine(result.mime, result.bytes, this.version)]);
  }

  /** Replaces the first line named `name` (keeping its group and params) and drops the others; null removes them all. */
  private setSingle(name: string, value: string | null): void {
    const at = this.lines.findIndex((l) => l.name === name);
    if (value === null) {
      this.removeAll(name);
      return;
    }
    const old = at >= 0 ? this.lines[at] : undefined;
    const line: ContentLine = { group: old?.group ?? null, name, params: old ? plainParams(old.params, name) : [], value, raw: null };
    this.removeAll(name);
    if (at >= 0) this.lines.splice(Math.min(at, this.lines.length), 0, line);
    else this.insert([line]);
  }

  /** Sets some components of a structured value (N, ORG) and keeps the rest (prefix, suffix, units). */
  private setStructured(name: string, minParts: number, parts: Record<number, string | undefined>, keepWhenEmpty: boolean): void {
    const old = this.lines.find((l) => l.name === name);
    const components = old ? splitEscaped(decodedValue(old), ';') : [];
    while (components.length < minParts) components.push('');
    for (const [i, v] of Object.entries(parts)) if (v !== undefined) components[Number(i)] = escapeText(v.trim());
    const empty = components.every((c) => c === '');
    this.setSingle(name, empty && !keepWhenEmpty ? null : components.join(';'));
  }

  private setMany<T extends { type: string }>(
    name: string,
    wanted: T[],
    read: (line: ContentLine, labels: Map<string, string>) => T,
    write: (entry: T) => string,
  ): void {
    const labels = labelsByGroup(this.lines);
    const old = this.lines.filter((l) => l.name === name);
    const unused = new Set(old);
    const next = wanted.map((entry) => {
      const same = old.find((l) => unused.has(l) && JSON.stringify(read(l, labels)) === JSON.stringify(entry));
      if (same) {
        unused.delete(same);
        return same;
      }
      return this.newTypedLine(name, entry.type, write(entry));
    });
    const at = this.lines.findIndex((l) => l.name === name);
    const dropped = new Set([...unused].map((l) => l.group?.toLowerCase()).filter((g): g is string => !!g));
    this.lines = this.lines.filter((l) => l.name !== name);
    if (at >= 0) this.lines.splice(Math.min(at, this.lines.length), 0, ...next);
    else this.insert(next);
    // An Apple label left without the property it labelled goes too.
    this.lines = this.lines.filter((l) => !(l.group && dropped.has(l.group.toLowerCase()) && l.name.startsWith('X-AB') && !this.lines.some((o) => o.group?.toLowerCase() === l.group?.toLowerCase() && !o.name.startsWith('X-AB'))));
  }

  /** TYPE for a plain token; a free-form label ("Summer house") goes into an Apple-style grouped X-ABLabel, which most clients show. */
  private newTypedLine(name: string, type: string, value: string): ContentLine {
    const t = type.trim();
    if (t === '') return { group: null, name, params: [], value, raw: null };
    if (/^[A-Za-z0-9-]+$/.test(t)) return { group: null, name, params: [{ name: 'TYPE', values: [t.toLowerCase()] }], value, raw: null };
    const group = this.freeGroup();
    this.lines.push({ group, name: 'X-ABLABEL', params: [], value: escapeText(t), raw: null });
    return { group, name, params: [], value, raw: null };
  }

  private freeGroup(): string {
    let n = 1;
    const taken = new Set(this.lines.map((l) => l.group?.toLowerCase()));
    while (taken.has(`item${n}`)) n++;
    return `item${n}`;
  }

  private touchRevision(): void {
    if (!this.lines.some((l) => l.name === 'REV')) return;
    this.setSingle('REV', new Date().toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, ''));
  }

  private removeAll(name: string): void {
    this.lines = this.lines.filter((l) => l.name !== name);
  }

  private insert(lines: ContentLine[]): void {
    this.lines.push(...lines);
  }
}

/** Params that described the old encoding or value type no longer apply to a value PMSync writes. */
function plainParams(params: VParam[], name: string): VParam[] {
  const drop = new Set(['ENCODING', 'CHARSET', 'VALUE', ...(name === 'BDAY' ? ['X-APPLE-OMIT-YEAR'] : [])]);
  return params.filter((p) => !drop.has(p.name));
}
