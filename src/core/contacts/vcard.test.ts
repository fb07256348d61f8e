import { describe, expect, it } from 'vitest';
import { ContactFields } from '../../shared/api/contacts';
import { buildVCard, editVCard, parseVCard } from './vcard';
import { foldLine, readCardLines } from './vcard-lines';

const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8cfc0f01f0005000201a5d6b1d90000000049454e44ae426082', 'hex');
const JPEG = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(60, 7)]);

const APPLE_30 = [
  'BEGIN:VCARD',
  'VERSION:3.0',
  'PRODID:-//Apple Inc.//iPhone OS 17.0//EN',
  'N:Müller;Anna;Maria;Dr.;PhD',
  'FN:Dr. Anna Müller',
  'ORG:Acme\\, Inc.;Research',
  'TITLE:Chief Scientist',
  'item1.EMAIL;type=INTERNET;type=pref:anna@acme.test',
  'item1.X-ABLabel:_$!<Other>!$_',
  'EMAIL;TYPE=INTERNET,HOME:anna@home.test',
  'TEL;TYPE=CELL;TYPE=VOICE;TYPE=pref:+49 170 1234567',
  'TEL;TYPE=WORK:+49 30 555',
  'ADR;TYPE=HOME:;;Hauptstr. 1\\nHinterhaus;Berlin;;10115;Germany',
  'NOTE;ENCODING=QUOTED-PRINTABLE;CHARSET=ISO-8859-1:Gr=FC=DFe aus K=F6ln, =',
  '2. Zeile=0D=0Aend',
  'BDAY;X-APPLE-OMIT-YEAR=1604:1604-04-12',
  'CATEGORIES:Work,Friends',
  'X-SOCIALPROFILE;type=twitter:https://twitter.com/anna',
  'X-CUSTOM;X-PARAM="a;b:c":keep me',
  `PHOTO;ENCODING=b;TYPE=PNG:${PNG.toString('base64')}`,
  'UID:abc-123',
  'END:VCARD',
  '',
].join('\r\n');

describe('parseVCard', () => {
  it('reads every field of an Apple-style vCard 3.0 (groups, labels, QUOTED-PRINTABLE, year-less birthday)', () => {
    const card = parseVCard(APPLE_30);
    expect(card.version).toBe('3.0');
    expect(card.uid).toBe('abc-123');
    expect(card.lossy).toBe(false);
    expect(card.fields).toEqual({
      fullName: 'Dr. Anna Müller',
      givenName: 'Anna',
      familyName: 'Müller',
      emails: [{ type: 'other', value: 'anna@acme.test' }, { type: 'home', value: 'anna@home.test' }],
      phones: [{ type: 'cell', value: '+49 170 1234567' }, { type: 'work', value: '+49 30 555' }],
      addresses: [{ type: 'home', street: 'Hauptstr. 1\nHinterhaus', locality: 'Berlin', region: '', postalCode: '10115', country: 'Germany' }],
      organization: 'Acme, Inc.',
      title: 'Chief Scientist',
      birthday: '--04-12',
      note: 'Grüße aus Köln, 2. Zeile\r\nend',
      photo: `data:image/png;base64,${PNG.toString('base64')}`,
      groups: ['Work', 'Friends'],
    });
    expect(() => ContactFields.parse(card.fields)).not.toThrow();
  });

  it('reads vCard 4.0: data: URI photo, --MMDD birthday, tel: URIs, RFC 6868 params, LF line ends', () => {
    const text = [
      'BEGIN:VCARD', 'VERSION:4.0', 'UID:urn:uuid:5c3a', 'FN:Bo Li', 'N:Li;Bo;;;',
      `PHOTO:data:image/jpeg;base64,${JPEG.toString('base64')}`,
      'BDAY:--0229', 'TEL;VALUE=uri;TYPE="cell,voice":tel:+1-555-0100',
      'ADR;LABEL="Line^nTwo ^\'q^\'";TYPE=work:;;1 Main St;Springfield;IL;62701;USA',
      'EMAIL;PREF=1:bo@li.test', 'END:VCARD',
    ].join('\n');
    const card = parseVCard(text);
    expect(card.version).toBe('4.0');
    expect(card.uid).toBe('urn:uuid:5c3a');
    expect(card.fields.photo).toBe(`data:image/jpeg;base64,${JPEG.toString('base64')}`);
    expect(card.fields.birthday).toBe('--02-29');
    expect(card.fields.phones).toEqual([{ type: 'cell', value: '+1-555-0100' }]);
    expect(card.fields.emails).toEqual([{ type: '', value: 'bo@li.test' }]);
    expect(card.lines.find((l) => l.name === 'ADR')?.params[0]).toEqual({ name: 'LABEL', values: ['Line\nTwo "q"'] });
    expect(card.fields.addresses[0]).toMatchObject({ type: 'work', locality: 'Springfield', region: 'IL' });
  });

  it('derives a name when FN is missing, and reads 2.1 bare params and BASE64 photos folded over lines', () => {
    const b64 = JPEG.toString('base64');
    const text = ['BEGIN:VCARD', 'VERSION:2.1', 'N:Doe;Jane', 'TEL;WORK;FAX:123', 'PHOTO;ENCODING=BASE64;TYPE=JPEG:', ` ${b64.slice(0, 40)}`, ` ${b64.slice(40)}`, 'END:VCARD'].join('\r\n');
    const card = parseVCard(text);
    expect(card.fields.fullName).toBe('Jane Doe');
    expect(card.fields.phones).toEqual([{ type: 'work', value: '123' }]);
    expect(card.fields.photo).toBe(`data:image/jpeg;base64,${b64}`);
  });

  it('refuses photos that are not images, too large, or remote (never fetched), saying why', () => {
    const base = (photo: string) => parseVCard(['BEGIN:VCARD', 'VERSION:3.0', 'FN:X', photo, 'END:VCARD'].join('\r\n'));
    const html = base(`PHOTO;ENCODING=b;TYPE=JPEG:${Buffer.from('<svg onload=alert(1)>').toString('base64')}`);
    expect(html.fields.photo).toBeNull();
    expect(html.photoIssue).toMatch(/not a JPEG, PNG/);
    const big = base(`PHOTO;ENCODING=b;TYPE=JPEG:${Buffer.concat([JPEG, Buffer.alloc(1_200_000)]).toString('base64')}`);
    expect(big.fields.photo).toBeNull();
    expect(big.photoIssue).toMatch(/up to 1\.0 MB/);
    const remote = base('PHOTO;VALUE=uri:http://127.0.0.1:9/tracker.jpg');
    expect(remote.fields.photo).toBeNull();
    expect(remote.photoIssue).toMatch(/remote image/);
    const svgData = base(`PHOTO:data:image/svg+xml;base64,${Buffer.from('<svg/>').toString('base64')}`);
    expect(svgData.fields.photo).toBeNull();
  });

  it('keeps hostile input inert and bounded', () => {
    const started = performance.now();
    const cases = [
      '',
      'garbage \u0000\u0001 no card',
      'BEGIN:VCARD\r\nFN:unterminated',
      `BEGIN:VCARD\r\nFN:${'\\'.repeat(500_000)}x\r\nEND:VCARD`,
      `BEGIN:VCARD\r\nNOTE;X="${'a'.repeat(100_000)}:v\r\nEND:VCARD`,
      `BEGIN:VCARD\r\n${'EMAIL:a@b.test\r\n'.repeat(50_000)}END:VCARD`,
      `BEGIN:VCARD\r\nFN:${'x'.repeat(10_000_000)}\r\nEND:VCARD`,
      `BEGIN:VCARD\r\nN:${';'.repeat(200_000)}\r\nCATEGORIES:${','.repeat(200_000)}\r\nEND:VCARD`,
      `BEGIN:VCARD\r\nNOTE${';P=1'.repeat(100_000)}:x\r\nEND:VCARD`,
      `BEGIN:VCARD\r\nNOTE;ENCODING=QUOTED-PRINTABLE:${'=\r\n'.repeat(100_000)}x\r\nEND:VCARD`,
    ];
    for (const text of cases) {
      const card = parseVCard(text);
      expect(() => ContactFields.parse(card.fields)).not.toThrow();
    }
    expect(parseVCard(cases[5]).fields.emails).toHaveLength(50);
    expect(parseVCard(cases[5]).lossy).toBe(true);
    expect(parseVCard(cases[6]).lossy).toBe(true);
    expect(performance.now() - started).toBeLessThan(5000);
  });
});

describe('editVCard', () => {
  it('changes only what changed: unknown properties, params and untouched entries stay byte for byte', () => {
    const edited = editVCard(APPLE_30, { fullName: 'Anna Schmidt', familyName: 'Schmidt', phones: [{ type: 'cell', value: '+49 170 1234567' }, { type: 'summer house', value: '+33 1 23' }] });
    const kept = ['VERSION:3.0', 'item1.EMAIL;type=INTERNET;type=pref:anna@acme.test', 'item1.X-ABLabel:_$!<Other>!$_', 'X-SOCIALPROFILE;type=twitter:https://twitter.com/anna',
      'X-CUSTOM;X-PARAM="a;b:c":keep me', 'TEL;TYPE=CELL;TYPE=VOICE;TYPE=pref:+49 170 1234567', 'BDAY;X-APPLE-OMIT-YEAR=1604:1604-04-12', 'UID:abc-123',
      'NOTE;ENCODING=QUOTED-PRINTABLE;CHARSET=ISO-8859-1:Gr=FC=DFe aus K=F6ln, =\r\n2. Zeile=0D=0Aend'];
    for (const line of kept) expect(edited).toContain(`\r\n${line}\r\n`);
    expect(edited).not.toContain('+49 30 555');
    expect(edited).toContain('N:Schmidt;Anna;Maria;Dr.;PhD\r\n');
    const card = parseVCard(edited);
    expect(card.version).toBe('3.0');
    expect(card.fields.fullName).toBe('Anna Schmidt');
    expect(card.fields.phones).toEqual([{ type: 'cell', value: '+49 170 1234567' }, { type: 'summer house', value: '+33 1 23' }]);
    expect(card.fields.note).toBe('Grüße aus Köln, 2. Zeile\r\nend');
    expect(card.fields.photo).toBe(parseVCard(APPLE_30).fields.photo);
  });

  it('drops an Apple label with the entry it labelled, and rewrites QP values it changes as plain text', () => {
    const edited = editVCard(APPLE_30, { emails: [{ type: 'home', value: 'anna@home.test' }], note: 'neu; mit\\Backslash' });
    expect(edited).not.toContain('X-ABLabel');
    expect(edited).not.toContain('QUOTED-PRINTABLE');
    expect(edited).toContain('NOTE:neu\\; mit\\\\Backslash\r\n');
    expect(parseVCard(edited).fields.note).toBe('neu; mit\\Backslash');
  });

  it('refuses to edit a card it could not read whole, and refuses a bad photo with a reason', () => {
    expect(() => editVCard(`BEGIN:VCARD\r\n${'EMAIL:a@b.test\r\n'.repeat(6000)}END:VCARD`, { fullName: 'X' })).toThrow(/could not read/);
    expect(() => editVCard(APPLE_30, { photo: `data:text/html;base64,${Buffer.from('<b>').toString('base64')}` })).toThrow(/not a JPEG, PNG/);
    expect(() => editVCard(APPLE_30, { birthday: 'next tuesday' })).toThrow(/not a birthday/);
  });
});

describe('buildVCard', () => {
  const fields: ContactFields = {
    fullName: 'Zoë "Z" O\'Brien, Jr.',
    givenName: 'Zoë',
    familyName: "O'Brien",
    emails: [{ type: 'work', value: 'zoe@work.test' }, { type: '', value: 'z@x.test' }],
    phones: [{ type: 'cell', value: '+1 555 0100' }],
    addresses: [{ type: 'home', street: '1 Long Road; Flat 2\nBack', locality: 'Cork', region: 'Munster', postalCode: 'T12', country: 'Ireland' }],
    organization: 'Widgets; Gadgets',
    title: 'Boss',
    birthday: '1990-02-03',
    note: `A long note ${'ü'.repeat(200)} with, commas; and\nnewlines \\ backslashes`,
    photo: `data:image/png;base64,${PNG.toString('base64')}`,
    groups: ['VIP', 'Family, close'],
  };

  it.each(['3.0', '4.0'] as const)('round-trips every field through vCard %s', (version) => {
    const text = buildVCard(version, 'uid-1', fields);
    expect(text.startsWith(`BEGIN:VCARD\r\nVERSION:${version}\r\n`)).toBe(true);
    for (const line of text.split('\r\n')) expect(Buffer.byteLength(line)).toBeLessThanOrEqual(75);
    const card = parseVCard(text);
    expect(card.version).toBe(version);
    expect(card.uid).toBe('uid-1');
    expect(card.fields).toEqual(fields);
    expect(text).toContain(version === '4.0' ? 'BDAY:19900203' : 'BDAY:1990-02-03');
    expect(text).toContain(version === '4.0' ? 'PHOTO:data:image/png;base64,' : 'PHOTO;ENCODING=b;TYPE=PNG:');
    const yearless = parseVCard(editVCard(text, { birthday: '--12-31' }));
    expect(yearless.fields.birthday).toBe('--12-31');
  });

  it('writes a minimal card with the fields RFC 2426 requires (FN and N)', () => {
    const text = buildVCard('3.0', 'u', { fullName: 'Solo' });
    expect(text).toMatch(/\r\nFN:Solo\r\n/);
    expect(text).toMatch(/\r\nN:;;;;\r\n/);
    expect(parseVCard(text).fields.emails).toEqual([]);
  });
});

describe('folding', () => {
  it('folds at 75 octets without splitting UTF-8 and unfolds back to the same text', () => {
    const line = `NOTE:${'€'.repeat(100)}`;
    const folded = foldLine(line);
    for (const l of folded) expect(Buffer.byteLength(l)).toBeLessThanOrEqual(75);
    const { lines } = readCardLines(['BEGIN:VCARD', ...folded, 'END:VCARD'].join('\r\n'));
    expect(lines[0].value).toBe('€'.repeat(100));
  });
});
