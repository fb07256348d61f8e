import { describe, expect, it } from 'vitest';
import { actionTargets, emptySelection, extendTo, selectAll, toggleAt, without } from './selection';

const rows = [101, 102, 103, 104, 105];
const idAt = (i: number) => rows[i];

describe('selection', () => {
  it('toggles a row on and off and remembers it as the anchor', () => {
    const one = toggleAt(emptySelection, 2, idAt);
    expect([...one.ids]).toEqual([103]);
    expect(one.anchor).toBe(2);
    expect(toggleAt(one, 2, idAt).ids.size).toBe(0);
  });
  it('ignores rows that are not loaded', () => {
    expect(toggleAt(emptySelection, 9, idAt)).toBe(emptySelection);
  });
  it('extends from the anchor in either direction, keeping the anchor', () => {
    const start = toggleAt(emptySelection, 1, idAt);
    const down = extendTo(start, 1, 3, idAt);
    expect([...down.ids].sort()).toEqual([102, 103, 104]);
    expect(down.anchor).toBe(1);
    const up = extendTo(emptySelection, 4, 2, idAt);
    expect([...up.ids].sort()).toEqual([103, 104, 105]);
    expect(up.anchor).toBe(4);
  });
  it('selects all loaded rows and forgets rows that went away', () => {
    const all = selectAll(rows);
    expect(all.ids.size).toBe(5);
    const left = without(all, [101, 102, 999]);
    expect([...left.ids].sort()).toEqual([103, 104, 105]);
    expect(without(left, [999])).toBe(left);
    expect(without(selectAll([1]), [1]).anchor).toBeNull();
  });
  it('targets the selection, else the open conversation, else the cursor row', () => {
    expect(actionTargets(selectAll([5, 6]), 7, 8).sort()).toEqual([5, 6]);
    expect(actionTargets(emptySelection, 7, 8)).toEqual([7]);
    expect(actionTargets(emptySelection, null, 8)).toEqual([8]);
    expect(actionTargets(emptySelection, null, null)).toEqual([]);
  });
});
