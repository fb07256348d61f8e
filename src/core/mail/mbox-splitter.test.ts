import { describe, expect, it } from 'vitest';
import { MboxSplitter, type SplitItem } from './mbox-splitter';
import { buildMbox, generateMessage } from './fixtures/generate-messages';

function splitAll(data: Buffer, chunkSize: number, splitter = new MboxSplitter()): SplitItem[] {
  const out: SplitItem[] = [];
  for (let i = 0; i < data.length; i += chunkSize) out.push(...splitter.push(data.subarray(i, i + chunkSize)));
  out.push(...splitter.end());
  return out;
}

function texts(items: SplitItem[]): string[] {
  return items.map((i) => (i.ok ? i.raw.toString('utf8') : `!${i.reason}`));
}

const mbox = [
  'From alice@example.com Mon Jan  1 00:00:00 2024',
  'Subject: one',
  '',
  'first body',
  '>From the quoted line',
  '>>From twice quoted',
  'From inside a paragraph is not a separator',
  '',
  'From bob@example.com Mon Jan  1 00:00:01 2024',
  'Subject: two',
  '',
  'second body',
  '',
].join('\n');

describe('MboxSplitter', () => {
  it('splits at From lines after a blank line and unquotes >From, for every chunk size', () => {
    const expected = [
      'Subject: one\n\nfirst body\nFrom the quoted line\n>From twice quoted\nFrom inside a paragraph is not a separator\n',
      'Subject: two\n\nsecond body\n',
    ];
    for (const size of [1, 2, 3, 7, 64, 100000]) expect(texts(splitAll(Buffer.from(mbox), size))).toEqual(expected);
  });

  it('handles CRLF files and keeps CRLF inside messages', () => {
    const crlf = Buffer.from(mbox.replace(/\n/g, '\r\n'));
    const out = texts(splitAll(crlf, 5));
    expect(out).toHaveLength(2);
    expect(out[0]).toBe('Subject: one\r\n\r\nfirst body\r\nFrom the quoted line\r\n>From twice quoted\r\nFrom inside a paragraph is not a separator\r\n');
    expect(out[1]).toBe('Subject: two\r\n\r\nsecond body\r\n');
  });

  it('keeps a final message without a trailing newline', () => {
    const out = texts(splitAll(Buffer.from('From a\nSubject: x\n\nlast line'), 4));
    expect(out).toEqual(['Subject: x\n\nlast line']);
  });

  it('yields nothing for an empty file', () => {
    expect(splitAll(Buffer.alloc(0), 10)).toEqual([]);
    expect(splitAll(Buffer.from('\n\n'), 1)).toEqual([]);
  });

  it('takes a file with headers and no From line as one message, separators and all', () => {
    const eml = 'Subject: single\r\nFrom: a@b.c\r\n\r\nbody\r\n\r\nFrom here on it is body\r\n';
    expect(texts(splitAll(Buffer.from(eml), 3))).toEqual([eml]);
  });

  it('refuses a file that is neither mbox nor a message', () => {
    expect(() => splitAll(Buffer.from('%PDF-1.4\n...'), 100)).toThrow(/neither an mbox nor an e-mail message/);
  });

  it('emits messages as soon as the next separator arrives (streaming)', () => {
    const s = new MboxSplitter();
    expect(s.push(Buffer.from('From a\nSubject: 1\n\nbody\n\n'))).toEqual([]);
    const out = s.push(Buffer.from('From b\nSub'));
    expect(texts(out)).toEqual(['Subject: 1\n\nbody\n']);
  });

  it('skips an oversized message without buffering it and continues', () => {
    const big = 'x'.repeat(5000);
    const data = Buffer.from(`From a\nSubject: big\n\n${big}\n${big}\n\nFrom b\nSubject: small\n\nok\n`);
    const out = splitAll(data, 1000, new MboxSplitter({ maxMessageBytes: 4096 }));
    expect(out[0].ok).toBe(false);
    expect(texts(out.slice(1))).toEqual(['Subject: small\n\nok\n']);
  });

  it('round-trips generated messages through an mboxrd file', () => {
    const raws = Array.from({ length: 50 }, (_, i) => generateMessage(i).raw.replace(/\r\n/g, '\n') + 'From the desk\n');
    const out = texts(splitAll(Buffer.from(buildMbox(raws)), 777));
    expect(out.length).toBe(50);
    out.forEach((m, i) => expect(m).toBe(raws[i]));
  });

  it('stays bounded in memory on a large stream', () => {
    const s = new MboxSplitter();
    const msg = Buffer.from(`From x\nSubject: s\n\n${'line of text\n'.repeat(100)}\n`);
    let count = 0;
    let peak = 0;
    for (let i = 0; i < 60_000; i++) {
      count += s.push(msg).length; // ~80 MB streamed in total
      if (i % 10_000 === 0) peak = Math.max(peak, process.memoryUsage().arrayBuffers);
    }
    count += s.end().length;
    expect(count).toBe(60_000);
    // Were messages retained, this would approach the 80 MB streamed.
    expect(peak).toBeLessThan(48 * 1024 * 1024);
  });
});
