import { describe, expect, it } from 'vitest';
import { backoffDelay } from './clock';
import { makeRedactor, toSyncError } from './errors';
import { toSequenceSet } from './fetched-message';
import { MemorySink } from './memory-sink';
import { headerBlockLength, messageIdOf, notAMessageReason } from './raw-message';
import { UidValidityMismatchError } from './sink';
import { testMessage } from './test-support/messages';

describe('engine building blocks', () => {
  it('reads just enough of a raw message', () => {
    const raw = testMessage({ n: 7, tag: 'unit' });
    expect(messageIdOf(raw)).toBe('unit-7@pmsync.test');
    expect(raw.subarray(headerBlockLength(raw)).toString()).toBe('Body of unit 7.\r\n');
    expect(notAMessageReason(raw)).toBeNull();
    expect(notAMessageReason(Buffer.from('garbage\r\n\r\n'))).toMatch(/not "Name: value"/);
    expect(notAMessageReason(Buffer.alloc(0))).toBe('empty message');
  });

  it('builds compact UID sets, backoff delays and redacted logs', () => {
    expect(toSequenceSet([5, 1, 2, 3, 9, 10, 3])).toBe('1:3,5,9:10');
    const policy = { initialMs: 1_000, maxMs: 8_000, jitter: 0.5 };
    expect([1, 2, 3, 4, 5].map((n) => backoffDelay(policy, n, () => 0))).toEqual([1_000, 2_000, 4_000, 8_000, 8_000]);
    expect(backoffDelay(policy, 1, () => 1)).toBe(500);
    const redact = makeRedactor('u@x', ['hunter2']);
    const plain = Buffer.from('\0u@x\0hunter2').toString('base64');
    expect(redact(`pass=hunter2 b64=${Buffer.from('hunter2').toString('base64')} sasl=${plain}`)).toBe('pass=[redacted] b64=[redacted] sasl=[redacted]');
    expect(toSyncError(Object.assign(new Error('x'), { code: 'ECONNRESET' }), 'h:1').code).toBe('CONNECTION_LOST');
  });

  it('the memory sink refuses a batch fetched under another UIDVALIDITY and stores nothing', () => {
    const sink = new MemorySink();
    const cursor = { uidValidity: 7n, highestModseq: 3n, uidNext: 2 };
    const added = { uid: 1, flags: [], internalDate: 0, size: 10, modseq: null, raw: testMessage({ n: 1 }), headersOnly: false };
    sink.applyChanges('INBOX', { added: [added], flagChanges: [], vanished: [], cursor });
    expect(() => sink.applyChanges('INBOX', { added: [{ ...added, uid: 2 }], flagChanges: [], vanished: [], cursor: { ...cursor, uidValidity: 8n } }))
      .toThrow(UidValidityMismatchError);
    expect(sink.messages('INBOX').map((m) => m.uid)).toEqual([1]);
    expect(sink.folderState('INBOX')).toEqual(cursor);
  });
});
