import { describe, expect, it } from 'vitest';
import { encodeWords, fileNameParameter, foldHeader, formatAddress, formatMailDate, quotedPrintable } from './mime';
import { decodeEncodedWords, decodeQuotedPrintable } from './test-support/mime-reader';

const samples = [
  'Grüße aus München – Update',
  '日本語の件名 ではありません、とても長い件名がここに続きます。分割されるはずです',
  'Привет, мир! Как дела? Это длинная тема письма для проверки разбиения',
  '🚀 Launch 🚀 checklist with emoji 😊 and = signs _ underscores ? marks',
  'Señor García — año nuevo',
];

describe('RFC 2047 encoded words', () => {
  for (const text of samples) {
    it(`round-trips ${JSON.stringify(text.slice(0, 20))}`, () => {
      const encoded = encodeWords(text);
      for (const word of encoded.split(' ')) {
        expect(word.length).toBeLessThanOrEqual(75);
        expect(word).toMatch(/^=\?UTF-8\?[QB]\?[^?\s]*\?=$/);
      }
      expect(decodeEncodedWords(encoded)).toBe(text);
    });
  }

  it('uses ISO-8859-1 when asked, and leaves ASCII alone', () => {
    expect(encodeWords('Grüße', 'ISO-8859-1')).toBe('=?ISO-8859-1?Q?Gr=FC=DFe?=');
    expect(encodeWords('plain subject')).toBe('plain subject');
  });
});

describe('addresses, parameters, headers, dates', () => {
  it('quotes or encodes display names', () => {
    expect(formatAddress({ name: 'Dana Scully', address: 'dana@fbi.example' })).toBe('Dana Scully <dana@fbi.example>');
    expect(formatAddress({ name: "O'Brien, Pat", address: 'p@x.example' })).toBe('"O\'Brien, Pat" <p@x.example>');
    expect(formatAddress({ name: 'Zoë', address: 'z@x.example' })).toBe('=?UTF-8?Q?Zo=C3=AB?= <z@x.example>');
    expect(fileNameParameter('filename', 'Résumé (1).pdf')).toBe("filename*=UTF-8''R%C3%A9sum%C3%A9%20%281%29.pdf");
  });

  it('folds long header values at spaces within 78 columns', () => {
    const refs = Array.from({ length: 12 }, (_, i) => `<abcdefghij${i}.xyz@mail.example.org>`).join(' ');
    const folded = foldHeader('References', refs, '\r\n');
    for (const line of folded.split('\r\n')) expect(line.length).toBeLessThanOrEqual(78);
    expect(folded.replace(/\r\n /g, ' ')).toBe(`References: ${refs}`);
  });

  it('writes RFC 5322 dates in the sender zone', () => {
    const d = new Date(Date.UTC(2024, 2, 5, 13, 3, 11));
    expect(formatMailDate(d, 60)).toBe('Tue, 05 Mar 2024 14:03:11 +0100');
    expect(formatMailDate(d, -300)).toBe('Tue, 05 Mar 2024 08:03:11 -0500');
    expect(Date.parse(formatMailDate(d, 330))).toBe(d.getTime());
  });
});

describe('quoted-printable', () => {
  it('round-trips long lines, "=", trailing spaces and UTF-8 with lines of at most 76', () => {
    const text = `${'a=b '.repeat(40)}\nend with space \n\ttab\t\n${'ü'.repeat(60)}\n<meta content="text/html; charset=utf-8">`;
    const qp = quotedPrintable(text, 'UTF-8', '\r\n');
    for (const line of qp.split('\r\n')) expect(line.length).toBeLessThanOrEqual(76);
    expect(qp).not.toMatch(/[ \t]\r\n/);
    expect(decodeQuotedPrintable(qp).toString('utf8')).toBe(text.replace(/\n/g, '\r\n'));
  });
});
