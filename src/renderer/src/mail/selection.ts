/**
 * The multi-selection of conversations in a list: thread ids (stable across refetches, unlike
 * row indexes) plus the anchor row a Shift-extension starts from.
 */
export interface SelectionState {
  ids: ReadonlySet<number>;
  anchor: number | null;
}

export const emptySelection: SelectionState = { ids: new Set(), anchor: null };

type IdAt = (index: number) => number | undefined;

/** `x` or Ctrl/Cmd+click: flips one row and makes it the anchor. */
export function toggleAt(state: SelectionState, index: number, idAt: IdAt): SelectionState {
  const id = idAt(index);
  if (id === undefined) return state;
  const ids = new Set(state.ids);
  if (ids.has(id)) ids.delete(id);
  else ids.add(id);
  return { ids, anchor: index };
}

/**
 * Shift+click or Shift+j/k: adds every loaded row between the anchor (or `from` when there is
 * none yet) and `to`. The anchor stays, so a second extension grows from the same row.
 */
export function extendTo(state: SelectionState, from: number, to: number, idAt: IdAt): SelectionState {
  const anchor = state.anchor ?? from;
  const ids = new Set(state.ids);
  const [lo, hi] = anchor <= to ? [anchor, to] : [to, anchor];
  for (let i = lo; i <= hi; i++) {
    const id = idAt(i);
    if (id !== undefined) ids.add(id);
  }
  return { ids, anchor };
}

/** Ctrl/Cmd+A: every row that is loaded (rows not fetched yet are not known to exist). */
export function selectAll(loadedIds: Iterable<number>): SelectionState {
  return { ids: new Set(loadedIds), anchor: null };
}

/** Drops ids that are no longer in the list (archived, moved away by another client). */
export function without(state: SelectionState, gone: Iterable<number>): SelectionState {
  const ids = new Set(state.ids);
  let changed = false;
  for (const id of gone) changed = ids.delete(id) || changed;
  return changed ? { ids, anchor: ids.size === 0 ? null : state.anchor } : state;
}

/**
 * What an action applies to: the selection when there is one, else the open conversation,
 * else the row under the keyboard cursor.
 */
export function actionTargets(state: SelectionState, openId: number | null, cursorId: number | null): number[] {
  if (state.ids.size > 0) return [...state.ids];
  if (openId !== null) return [openId];
  return cursorId !== null ? [cursorId] : [];
}
