import { describe, expect, it } from 'vitest';
import { threadMessages, type ThreadableMessage } from './thread-messages';

const DAY = 24 * 60 * 60 * 1000;
const msg = (messageId: string, date: number, opts: Partial<ThreadableMessage> = {}): ThreadableMessage => ({
  messageId, date, inReplyTo: null, references: [], threadSubject: messageId, ...opts,
});

describe('threadMessages', () => {
  it('groups by References and In-Reply-To, oldest first', () => {
    const groups = threadMessages([
      msg('c', 3, { references: ['a', 'b'], inReplyTo: 'b' }),
      msg('a', 1),
      msg('b', 2, { inReplyTo: 'a' }),
      msg('x', 4),
    ]);
    expect(groups).toEqual([['a', 'b', 'c'], ['x']]);
  });

  it('joins siblings through a missing parent (an empty container in JWZ)', () => {
    const groups = threadMessages([
      msg('r1', 1, { references: ['lost-root'] }),
      msg('r2', 2, { references: ['lost-root'] }),
    ]);
    expect(groups).toEqual([['r1', 'r2']]);
  });

  it('merges two threads a later message connects', () => {
    const groups = threadMessages([
      msg('a', 1), msg('b', 2),
      msg('c', 3, { references: ['a', 'b'] }),
    ]);
    expect(groups).toEqual([['a', 'b', 'c']]);
  });

  it('uses the subject only for messages without references, within 30 days', () => {
    const groups = threadMessages([
      msg('s1', 0, { threadSubject: 'hello' }),
      msg('s2', 10 * DAY, { threadSubject: 'hello' }),
      msg('s3', 60 * DAY, { threadSubject: 'hello' }),
      msg('s4', 11 * DAY, { threadSubject: 'hello', references: ['elsewhere'] }),
      msg('e1', 1, { threadSubject: '' }),
      msg('e2', 2, { threadSubject: '' }),
    ]);
    expect(groups).toEqual([['s1', 's2'], ['e1'], ['e2'], ['s4'], ['s3']]);
  });

  it('survives reference loops and duplicate ids', () => {
    const groups = threadMessages([
      msg('a', 1, { references: ['b'] }),
      msg('b', 2, { references: ['a'] }),
      msg('a', 3),
    ]);
    expect(groups).toEqual([['a', 'b']]);
  });

  it('is fast on 100k messages', () => {
    const many = Array.from({ length: 100_000 }, (_, i) => msg(`m${i}`, i, { references: i % 10 ? [`m${i - (i % 10)}`] : [] }));
    const t0 = Date.now();
    const groups = threadMessages(many);
    expect(groups).toHaveLength(10_000);
    expect(Date.now() - t0).toBeLessThan(5000);
  });
});
