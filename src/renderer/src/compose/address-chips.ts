/**
 * Address-field logic without a DOM: what the user typed or pasted becomes chips, each checked
 * the way the core will check it (the core validates again before sending; this is for showing
 * the problem at the field, early).
 */
export interface AddressChip {
  /** As the user typed it, trimmed ("Ann <ann@x.org>"); this is what the draft stores. */
  text: string;
  /** The bare address inside, lower-case domain left as typed. */
  address: string;
  name: string;
  valid: boolean;
}

// Deliberately simple: one @, a dot in the domain, no spaces or control characters. The core does
// the RFC parsing; the field only has to catch typos like "ann@", "ann.x.org" or "ann @x.org".
// eslint-disable-next-line no-control-regex -- control characters are exactly what must be refused
const ADDRESS = /^[^\s@<>()",;:\\[\]\u0000-\u001f\u007f]+@[^\s@<>()",;:\\[\]\u0000-\u001f\u007f]+\.[^\s@<>()",;:\\[\]\u0000-\u001f\u007f.]{2,}$/;

export function isValidAddress(address: string): boolean {
  return address.length <= 320 && ADDRESS.test(address) && !address.includes('..');
}

/** Splits on commas, semicolons and newlines, but not inside quotes or angle brackets. */
export function splitAddressList(input: string): string[] {
  const out: string[] = [];
  let current = '';
  let quoted = false;
  let angle = false;
  for (const ch of input) {
    if (ch === '"' && !angle) quoted = !quoted;
    else if (ch === '<' && !quoted) angle = true;
    else if (ch === '>' && !quoted) angle = false;
    if (!quoted && !angle && (ch === ',' || ch === ';' || ch === '\n' || ch === '\r')) {
      if (current.trim()) out.push(current.trim());
      current = '';
      continue;
    }
    current += ch;
  }
  if (current.trim()) out.push(current.trim());
  return out;
}

/** One entry: "Name <a@b.c>", "\"Last, First\" <a@b.c>", "<a@b.c>" or "a@b.c". */
export function parseAddress(raw: string): AddressChip {
  // Control characters (CR/LF above all) never reach a header: they are dropped here and refused by the core.
  // eslint-disable-next-line no-control-regex -- see above
  const text = raw.replace(/[\u0000-\u001f\u007f]/g, ' ').replace(/\s+/g, ' ').trim();
  const angled = /^(.*)<([^<>]*)>\s*$/.exec(text);
  if (angled) {
    const name = angled[1].trim().replace(/^"(.*)"$/, '$1').trim();
    const address = angled[2].trim();
    return { text, address, name, valid: isValidAddress(address) };
  }
  const address = text.replace(/^mailto:/i, '');
  return { text: address, address, name: '', valid: isValidAddress(address) };
}

export function parseAddressList(input: string): AddressChip[] {
  return splitAddressList(input).map(parseAddress);
}

/** How a suggestion becomes a chip text: quoted when the name holds characters that need it. */
export function formatAddress(name: string, address: string): string {
  // eslint-disable-next-line no-control-regex -- no control characters in a display name
  const clean = name.replace(/[\u0000-\u001f\u007f"]/g, '').trim();
  if (!clean || clean.toLowerCase() === address.toLowerCase()) return address;
  return /[,;:<>@()[\]\\.]/.test(clean) ? `"${clean}" <${address}>` : `${clean} <${address}>`;
}

/** Adds chips to a list, skipping addresses already present (case-insensitive). */
export function mergeChips(existing: AddressChip[], added: AddressChip[]): AddressChip[] {
  const seen = new Set(existing.map((c) => c.address.toLowerCase()));
  const out = [...existing];
  for (const chip of added) {
    const key = chip.address.toLowerCase();
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(chip);
  }
  return out;
}

/** Typing one of these ends the chip being typed. */
export function endsChip(key: string): boolean {
  return key === 'Enter' || key === ',' || key === ';' || key === 'Tab';
}
