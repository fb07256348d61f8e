import { describe, expect, it } from 'vitest';
import { base64ToBytes, bytesToBase64, cleanExportedHtml, isBlankHtml, referencedCids, textToHtml } from './html-helpers';
import { isOfficeHtml, marksFromStyle, officeListInfo, stripOfficeMarkup } from './paste-sanitize';

describe('cleanExportedHtml', () => {
  it('drops editor classes, white-space styles and empty spans, keeps structure and real styles', () => {
    const lexical = '<p class="ed-p" dir="ltr"><b><strong class="ed-bold" style="white-space: pre-wrap;">Bold</strong></b><span style="white-space: pre-wrap;"> and plain</span></p>'
      + '<ul class="ed-ul"><li value="1" class="ed-li"><span style="white-space: pre-wrap;">one</span></li></ul>'
      + '<p><span style="color: red; white-space: pre-wrap;">kept color</span></p>';
    expect(cleanExportedHtml(lexical)).toBe('<p><strong>Bold</strong> and plain</p><ul><li value="1">one</li></ul><p><span style="color: red">kept color</span></p>');
  });

  it('merges doubled italics and leaves links alone', () => {
    expect(cleanExportedHtml('<p><i><em class="x">it</em></i> <a href="https://x.org/?a=1&amp;b=2" class="l">x</a></p>')).toBe('<p><em>it</em> <a href="https://x.org/?a=1&amp;b=2">x</a></p>');
  });
});

describe('body helpers', () => {
  it('tells a blank body from a real one', () => {
    expect(isBlankHtml('<p><br></p><p>&nbsp;</p>')).toBe(true);
    expect(isBlankHtml('<p>x</p>')).toBe(false);
    expect(isBlankHtml('<p><img src="cid:a@b"></p>')).toBe(false);
  });

  it('finds cid references', () => {
    expect(referencedCids('<img src="cid:img1@pmsync"><img src=\'cid:img2%40x\'><img src="cid:img1@pmsync"><img src="https://x/y.png">')).toEqual(['img1@pmsync', 'img2@x']);
  });

  it('turns plain text into escaped paragraphs', () => {
    expect(textToHtml('a <b>\nline 2\r\n\r\npara 2')).toBe('<p>a &lt;b&gt;<br>line 2</p><p>para 2</p>');
  });

  it('round-trips bytes through base64, including large buffers', () => {
    const bytes = new Uint8Array(200_000).map((_, i) => (i * 31) % 256);
    const b64 = bytesToBase64(bytes);
    expect(Buffer.from(b64, 'base64').equals(Buffer.from(bytes))).toBe(true);
    expect([...base64ToBytes(b64).subarray(0, 5)]).toEqual([...bytes.subarray(0, 5)]);
  });
});

describe('paste helpers', () => {
  it('reads emphasis from CSS', () => {
    expect(marksFromStyle('font-weight:700;font-style:italic')).toEqual({ bold: true, italic: true });
    expect(marksFromStyle('font-weight: normal')).toEqual({ bold: false });
    expect(marksFromStyle('text-decoration: underline line-through; color: red')).toEqual({ underline: true, strike: true });
    expect(marksFromStyle('font-weight:400')).toEqual({ bold: false });
  });

  it('recognises and strips Office markup', () => {
    const word = '<html xmlns:o="urn:schemas-microsoft-com:office:office"><!--[if gte mso 9]><xml><o:OfficeDocumentSettings/></xml><![endif]--><p class=MsoNormal>Hi<o:p></o:p></p><!--StartFragment--><w:Sdt>x</w:Sdt></html>';
    expect(isOfficeHtml(word)).toBe(true);
    expect(isOfficeHtml('<p>plain web</p>')).toBe(false);
    const stripped = stripOfficeMarkup(word);
    expect(stripped).not.toMatch(/o:p|\[if|xml>|StartFragment|w:Sdt/);
    expect(stripped).toContain('<p class=MsoNormal>Hi</p>');
  });

  it('recognises Word list paragraphs and their kind', () => {
    expect(officeListInfo("mso-list:l0 level1 lfo1", '·')).toEqual({ level: 1, ordered: false });
    expect(officeListInfo('margin:0;mso-list:l1 level2 lfo2', '2.')).toEqual({ level: 2, ordered: true });
    expect(officeListInfo('margin:0', '1.')).toBeNull();
  });
});
