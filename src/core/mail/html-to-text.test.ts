import { describe, expect, it } from 'vitest';
import { htmlToPlainText } from './html-to-text';

describe('htmlToPlainText', () => {
  it('keeps text, breaks blocks into lines, separates table cells, decodes entities, drops script/style/comments', () => {
    const html = '<html><head><title>T</title><style>p{color:red}</style></head><body><p>Hello&nbsp;<b>world</b> &amp; co</p><div>Line two</div><table><tr><td>a</td><td>b</td></tr></table><!-- hidden --><script>alert(1)</script>end</body></html>';
    expect(htmlToPlainText(html)).toBe('Hello world & co\n\nLine two\n\na b\n\nend');
  });

  it('drops the rest of the input after an unclosed tag or comment, instead of guessing', () => {
    expect(htmlToPlainText('before <b unclosed')).toBe('before');
    expect(htmlToPlainText('before <!-- never closed')).toBe('before');
    expect(htmlToPlainText('before <script>never closed')).toBe('before');
  });

  it('stays linear on hostile markup that made regular expressions quadratic', () => {
    const inputs = ['<x '.repeat(100_000), '<li '.repeat(100_000), '<script>'.repeat(50_000), '<!-- '.repeat(100_000), `${'<p>a'.repeat(200_000)}`];
    for (const input of inputs) {
      const started = performance.now();
      htmlToPlainText(input);
      // Generous bound: the quadratic version took 25–65 s on the first two inputs.
      expect(performance.now() - started).toBeLessThan(2_000);
    }
  });
});
