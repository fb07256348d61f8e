import { describe, expect, it } from 'vitest';
import { createApiClient } from '../../shared/api/client';
import { ApiError, PmsyncError } from '../../shared/errors';
import { EventHub } from '../events';
import { createInProcessTransport } from '../transport/in-process';
import { createDispatcher } from './dispatch';
import { handlersWith } from './test-handlers';

const seen: unknown[] = [];
const dispatch = createDispatcher(handlersWith({
  'app.ping': async () => ({ pong: true, now: 42 }),
  'mail.search': async (input) => {
    seen.push(input);
    return { total: 0, items: [] };
  },
  'mail.getMessage': async ({ id }) => {
    throw new PmsyncError('NOT_FOUND', `No message ${id} in this profile.`, 'Refresh the list.');
  },
  'mail.listAccounts': async () => {
    throw new Error('disk on fire');
  },
}));

describe('createDispatcher', () => {
  it('runs a declared method with parsed input and applies schema defaults', async () => {
    expect(await dispatch('app.ping', {})).toEqual({ ok: true, value: { pong: true, now: 42 } });
    seen.length = 0;
    expect(await dispatch('mail.search', { query: 'hello', junk: 1 })).toEqual({ ok: true, value: { total: 0, items: [] } });
    expect(seen).toEqual([{ query: 'hello', offset: 0, limit: 100 }]);
  });

  it('answers UNKNOWN_METHOD for names the contract does not declare', async () => {
    const result = await dispatch('mail.nope', {});
    expect(result).toMatchObject({ ok: false, error: { code: 'UNKNOWN_METHOD' } });
    if (!result.ok) expect(result.error.message).toContain('mail.nope');
  });

  it.each([
    '__proto__', 'constructor', 'toString', 'hasOwnProperty', 'app.__proto__', 'app.constructor',
    '__proto__.ping', 'constructor.name', 'mail.search.extra', 'app', '', 'app.ping.', '.ping',
  ])('refuses the prototype-ish or malformed name %j cleanly', async (name) => {
    expect(await dispatch(name, {})).toMatchObject({ ok: false, error: { code: 'UNKNOWN_METHOD' } });
  });

  it.each([42, null, undefined, { toString: () => 'app.ping' }, 'x'.repeat(10_000)])('refuses a method that is not a short string (%#)', async (name) => {
    expect(await dispatch(name, {})).toMatchObject({ ok: false, error: { code: 'UNKNOWN_METHOD' } });
  });

  it('answers INVALID_INPUT naming the field that failed', async () => {
    const bad = await dispatch('mail.search', { query: 5 });
    expect(bad).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    if (!bad.ok) expect(bad.error.message).toMatch(/^Invalid input for mail\.search: query: /);

    const nested = await dispatch('mail.setRead', { messageIds: [1, -2], read: true });
    if (nested.ok) throw new Error('expected a failure');
    expect(nested.error.message).toContain('messageIds.1');

    for (const input of [null, undefined, 'text', [], { __proto__: { query: 'x' } }]) {
      expect(await dispatch('mail.search', input)).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    }
  });

  it('returns handler failures as data: coded errors keep code and hint, others become INTERNAL', async () => {
    expect(await dispatch('mail.getMessage', { id: 7 })).toEqual({
      ok: false, error: { code: 'NOT_FOUND', message: 'No message 7 in this profile.', hint: 'Refresh the list.' },
    });
    const internal = await dispatch('mail.listAccounts', {});
    if (internal.ok) throw new Error('expected a failure');
    expect(internal.error.code).toBe('INTERNAL');
    expect(internal.error.message).toContain('disk on fire');
    expect(internal.error.message).not.toMatch(/\bat .*:\d+:\d+/); // no stack frames
  });
});

describe('in-process transport', () => {
  it('rebuilds errors on the client with the method name', async () => {
    const client = createApiClient(createInProcessTransport(dispatch, new EventHub()));
    const err = await client.api.mail.getMessage({ id: 7 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect(err).toMatchObject({ method: 'mail.getMessage', code: 'NOT_FOUND', hint: 'Refresh the list.' });
    expect(await client.api.app.ping()).toEqual({ pong: true, now: 42 });
    client.dispose();
  });

  it('delivers events while listening and leaves no hub listener after dispose', async () => {
    const events = new EventHub();
    const baseline = events.listenerCount();
    const client = createApiClient(createInProcessTransport(dispatch, events));
    const received: unknown[] = [];
    client.on('mail.changed', (p) => received.push(p));
    events.emit('mail.changed', { folderIds: [3], reason: 'flags' });
    expect(received).toEqual([{ folderIds: [3], reason: 'flags' }]);
    expect(events.listenerCount()).toBeGreaterThan(baseline);
    client.dispose();
    expect(events.listenerCount()).toBe(baseline);
  });
});
