import { describe, expect, it } from 'vitest';
import { findCharsetWarnings } from './charset-warnings';

const mail = (lines: string[]): Buffer => Buffer.from(lines.join('\r\n'), 'latin1');

describe('findCharsetWarnings', () => {
  it('reads charsets from Content-Type fields only, not from bodies', () => {
    const raw = mail([
      'Subject: hi',
      'Content-Type: multipart/alternative; boundary="b"',
      '',
      '--b',
      'Content-Type: text/html; charset=utf-8',
      'Content-Transfer-Encoding: quoted-printable',
      '',
      '<meta http-equiv=3D"Content-Type" content=3D"text/html; charset=3Dutf-8">',
      'This text mentions charset=bogus-words in passing.',
      '--b--',
    ]);
    expect(findCharsetWarnings(raw)).toEqual([]);
  });

  it('warns about an unknown charset in a folded part header, and about UTF-7', () => {
    const raw = mail([
      'Content-Type: multipart/mixed; boundary="b"',
      '',
      '--b',
      'Content-Type: text/plain;',
      '\tcharset="x-made-up-8"',
      '',
      'hello',
      '--b',
      'content-type: text/plain; charset=utf-7',
      '',
      '+ADw-script+AD4-',
      '--b--',
    ]);
    const warnings = findCharsetWarnings(raw);
    expect(warnings).toHaveLength(2);
    expect(warnings[0]).toContain('"x-made-up-8"');
    expect(warnings[1]).toContain('"utf-7"');
  });

  it('knows the charsets mail really uses', () => {
    for (const cs of ['UTF-8', 'iso-8859-1', 'windows-1252', 'ks_c_5601-1987', 'Shift_JIS', 'gb2312', 'us-ascii']) {
      expect(findCharsetWarnings(mail([`Content-Type: text/plain; charset="${cs}"`, '', 'x']))).toEqual([]);
    }
  });
});
