import { describe, expect, it } from 'vitest';
import { withHiddenRows } from './hidden-rows';

const source = (items: Array<number | undefined>, total = items.length) => ({ total, get: (i: number) => items[i] });

describe('withHiddenRows', () => {
  it('skips hidden rows and shortens the list', () => {
    const hidden = new Set([2, 4]);
    const view = withHiddenRows(source([1, 2, 3, 4, 5]), (x) => hidden.has(x), hidden.size);
    expect(view.total).toBe(3);
    expect([0, 1, 2].map(view.get)).toEqual([1, 3, 5]);
  });
  it('handles adjacent hidden rows at the start', () => {
    const hidden = new Set([1, 2]);
    const view = withHiddenRows(source([1, 2, 3]), (x) => hidden.has(x), hidden.size);
    expect(view.total).toBe(1);
    expect(view.get(0)).toBe(3);
  });
  it('changes nothing once the refetched list no longer has the rows', () => {
    const src = source([1, 3, 5]);
    const view = withHiddenRows(src, (x) => x === 2, 1);
    expect(view).toBe(src);
  });
  it('keeps unloaded rows addressable past the hidden ones', () => {
    const view = withHiddenRows(source([1, 2, undefined, undefined], 4), (x) => x === 1, 1);
    expect(view.total).toBe(3);
    expect(view.get(0)).toBe(2);
    expect(view.get(1)).toBeUndefined();
  });
  it('passes a list that has not loaded through', () => {
    const src = { total: null, get: () => undefined };
    expect(withHiddenRows(src, () => true, 3)).toBe(src);
  });
});
