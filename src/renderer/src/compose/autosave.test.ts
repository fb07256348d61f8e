import { describe, expect, it } from 'vitest';
import { Autosaver, statusLabel, type SaveStatus, type Timers } from './autosave';

/** A manual clock: timers fire only when the test advances time. */
function manualTimers() {
  let now = 0;
  let nextId = 1;
  const pending = new Map<number, { at: number; fn: () => void }>();
  const timers: Timers = {
    set: (fn, ms) => {
      const id = nextId++;
      pending.set(id, { at: now + ms, fn });
      return id;
    },
    clear: (h) => void pending.delete(h as number),
  };
  const advance = async (ms: number) => {
    now += ms;
    for (const [id, t] of [...pending]) {
      if (t.at <= now) {
        pending.delete(id);
        t.fn();
      }
    }
    for (let i = 0; i < 5; i++) await Promise.resolve();
  };
  return { timers, advance, now: () => now, count: () => pending.size };
}

type Changes = { subject?: string; html?: string };

function setup(save: (c: Changes) => Promise<void>) {
  const clock = manualTimers();
  const statuses: SaveStatus['kind'][] = [];
  const saver = new Autosaver<Changes>({ delayMs: 800, save, onStatus: (s) => statuses.push(s.kind), timers: clock.timers, now: clock.now });
  return { clock, statuses, saver };
}

describe('Autosaver', () => {
  it('saves once, 800 ms after the last change, with every change merged', async () => {
    const saved: Changes[] = [];
    const { clock, saver, statuses } = setup(async (c) => void saved.push(c));
    saver.change({ subject: 'H' });
    await clock.advance(500);
    saver.change({ subject: 'Hi' });
    await clock.advance(500);
    saver.change({ html: '<p>x</p>' });
    await clock.advance(799);
    expect(saved).toEqual([]);
    await clock.advance(1);
    expect(saved).toEqual([{ subject: 'Hi', html: '<p>x</p>' }]);
    expect(statuses.at(-1)).toBe('saved');
  });

  it('keeps failed changes and sends them with the next save', async () => {
    let fail = true;
    const saved: Changes[] = [];
    const { clock, saver, statuses } = setup(async (c) => {
      if (fail) throw new Error('disk full');
      saved.push(c);
    });
    saver.change({ subject: 'A' });
    await clock.advance(800);
    expect(statuses.at(-1)).toBe('error');
    fail = false;
    saver.change({ html: '<p>b</p>' });
    await clock.advance(800);
    expect(saved).toEqual([{ subject: 'A', html: '<p>b</p>' }]);
  });

  it('runs one save at a time and saves what was typed meanwhile afterwards', async () => {
    const saved: Changes[] = [];
    let release: () => void = () => undefined;
    let calls = 0;
    const { clock, saver } = setup((c) => {
      calls++;
      saved.push(c);
      return calls === 1 ? new Promise<void>((r) => (release = r)) : Promise.resolve();
    });
    saver.change({ subject: 'one' });
    await clock.advance(800);
    saver.change({ subject: 'two' });
    await clock.advance(800); // first save still running: no second save in parallel
    expect(calls).toBe(1);
    release();
    await clock.advance(0);
    await clock.advance(800);
    expect(saved).toEqual([{ subject: 'one' }, { subject: 'two' }]);
  });

  it('flush saves at once, and rejects when the save fails', async () => {
    const saved: Changes[] = [];
    const { saver, clock } = setup(async (c) => void saved.push(c));
    saver.change({ subject: 'now' });
    await saver.flush();
    expect(saved).toEqual([{ subject: 'now' }]);
    expect(clock.count()).toBe(0);
    expect(saver.hasPending).toBe(false);

    const failing = setup(async () => {
      throw new Error('offline');
    });
    failing.saver.change({ subject: 'x' });
    await expect(failing.saver.flush()).rejects.toThrow('offline');
    expect(failing.saver.hasPending).toBe(true);
  });

  it('does nothing after dispose', async () => {
    const saved: Changes[] = [];
    const { saver, clock } = setup(async (c) => void saved.push(c));
    saver.change({ subject: 'x' });
    saver.dispose();
    await clock.advance(2000);
    expect(saved).toEqual([]);
  });

  it('labels each state', () => {
    expect(statusLabel({ kind: 'saving' })).toBe('Saving…');
    expect(statusLabel({ kind: 'saved', at: 1 })).toBe('Saved');
    expect(statusLabel({ kind: 'error', error: new Error('x') })).toBe('Not saved');
  });
});
