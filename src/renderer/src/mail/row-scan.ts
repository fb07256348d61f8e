import type { RowSource } from './hidden-rows';

/** Ids of every loaded row, in list order (Ctrl/Cmd+A selects what is known to exist). */
export function loadedIds<T>(source: RowSource<T>, idOf: (item: T) => number): number[] {
  const out: number[] = [];
  for (let i = 0; i < (source.total ?? 0); i++) {
    const item = source.get(i);
    if (item !== undefined) out.push(idOf(item));
  }
  return out;
}

/** The first loaded row for each wanted id, turned into an action target (rows that cannot be acted on give null). */
export function collectTargets<T, R>(source: RowSource<T>, ids: number[], idOf: (item: T) => number, toTarget: (item: T) => R | null): R[] {
  const wanted = new Set(ids);
  const found = new Map<number, R>();
  for (let i = 0; i < (source.total ?? 0) && found.size < wanted.size; i++) {
    const item = source.get(i);
    if (item === undefined) continue;
    const id = idOf(item);
    if (!wanted.has(id) || found.has(id)) continue;
    const target = toTarget(item);
    if (target !== null) found.set(id, target);
  }
  return [...found.values()];
}
