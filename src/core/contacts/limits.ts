/**
 * Bounds for vCards from servers we do not control. Every loop in the parser is linear in the
 * input, and the input itself is capped, so a hostile card costs at most a few milliseconds.
 */
export const VCARD_LIMITS = {
  /** A card with a 1 MB photo is ~1.4 M characters of base64; anything far beyond is not a contact. */
  maxChars: 4_000_000,
  /** Logical (unfolded) lines kept; a card with more is read but cannot be edited safely. */
  maxLines: 5_000,
  /** Parameters per line. */
  maxParams: 50,
  /** Decoded photo bytes PMSync accepts (the contract allows a 2 M character data: URL). */
  maxPhotoBytes: 1_000_000,
  // Field limits mirror ContactFields in src/shared/api/contacts.ts, so a parsed card always validates.
  fullName: 500,
  namePart: 200,
  typed: 1000,
  type: 50,
  street: 500,
  addressPart: 200,
  postalCode: 50,
  organization: 500,
  title: 500,
  note: 100_000,
  group: 200,
  emails: 50,
  phones: 50,
  addresses: 20,
  groups: 100,
} as const;

/** Cuts a string to `max` UTF-16 units without leaving half a surrogate pair. */
export function clip(value: string, max: number): string {
  if (value.length <= max) return value;
  const cut = value.slice(0, max);
  const last = cut.charCodeAt(cut.length - 1);
  return last >= 0xd800 && last <= 0xdbff ? cut.slice(0, -1) : cut;
}
