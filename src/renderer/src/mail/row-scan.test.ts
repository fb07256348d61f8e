import { describe, expect, it } from 'vitest';
import { collectTargets, loadedIds } from './row-scan';

const rows = [{ id: 1, f: 10 }, undefined, { id: 3, f: 30 }, { id: 1, f: 99 }];
const source = { total: rows.length, get: (i: number) => rows[i] };

describe('row scans', () => {
  it('lists loaded ids only', () => {
    expect(loadedIds(source, (r) => r.id)).toEqual([1, 3, 1]);
  });
  it('collects one target per wanted id, first row wins, skipping unactionable rows', () => {
    expect(collectTargets(source, [1, 3], (r) => r.id, (r) => r.f)).toEqual([10, 30]);
    expect(collectTargets(source, [3], (r) => r.id, () => null)).toEqual([]);
    expect(collectTargets(source, [7], (r) => r.id, (r) => r.f)).toEqual([]);
  });
});
