import { describe, expect, it } from 'vitest';
import { safeFilename } from './safe-filename';

describe('safeFilename', () => {
  it('strips directories, both separators', () => {
    expect(safeFilename('../../x')).toBe('x');
    expect(safeFilename('..\\..\\windows\\system32\\evil.dll')).toBe('evil.dll');
    expect(safeFilename('/etc/passwd')).toBe('passwd');
  });

  it('removes control characters and bidi overrides', () => {
    expect(safeFilename('a\u202Egpj.exe')).toBe('agpj.exe');
    expect(safeFilename('in\u0000voice\u0007.pdf')).toBe('invoice.pdf');
    expect(safeFilename('x\u2066y\u2069\u200f.txt')).toBe('xy.txt');
    expect(safeFilename('line\r\nbreak.txt')).toBe('linebreak.txt');
  });

  it('prefixes reserved Windows device names, with or without extension', () => {
    for (const n of ['CON', 'prn', 'AUX.txt', 'nul.tar.gz', 'COM1', 'lpt9.doc']) expect(safeFilename(n)).toBe(`_${n}`);
    expect(safeFilename('console.txt')).toBe('console.txt');
  });

  it('drops trailing dots and spaces and leading dots', () => {
    expect(safeFilename('report.pdf. . ')).toBe('report.pdf');
    expect(safeFilename('.bashrc')).toBe('bashrc');
    expect(safeFilename('..')).toBe('attachment');
  });

  it('replaces characters Windows forbids', () => {
    expect(safeFilename('a<b>c:d"e|f?g*.txt')).toBe('a_b_c_d_e_f_g_.txt');
  });

  it('caps long names at 200 UTF-8 bytes and keeps the extension', () => {
    const long = `${'ä'.repeat(300)}.pdf`;
    const out = safeFilename(long);
    expect(Buffer.byteLength(out)).toBeLessThanOrEqual(200);
    expect(out.endsWith('.pdf')).toBe(true);
    expect(out.startsWith('ää')).toBe(true);
    expect(out).not.toContain('\ufffd');
  });

  it('names empty results after the content type', () => {
    expect(safeFilename('', 'application/pdf')).toBe('attachment.pdf');
    expect(safeFilename(undefined, 'image/png; name=x')).toBe('attachment.png');
    expect(safeFilename('\u202E', 'application/x-unknown')).toBe('attachment');
    expect(safeFilename(null)).toBe('attachment');
  });
});
