/** The read side of a paged list: enough to hide rows without touching the cache. */
export interface RowSource<T> {
  total: number | null;
  get(index: number): T | undefined;
}

/**
 * A view of a list with some rows hidden (optimistic archive/delete/move: the row goes at once,
 * before the server answers). Hidden rows are found among the loaded rows by id, so once the
 * refetched list no longer contains them nothing is skipped and no index shifts twice.
 */
export function withHiddenRows<T>(source: RowSource<T>, isHidden: (item: T) => boolean, hiddenCount: number): RowSource<T> {
  if (hiddenCount === 0 || source.total === null) return source;
  // Indexes (in the source) of hidden rows, ascending. Only loaded rows can be hidden ones.
  const skipped: number[] = [];
  for (let i = 0; i < source.total && skipped.length < hiddenCount; i++) {
    const item = source.get(i);
    if (item !== undefined && isHidden(item)) skipped.push(i);
  }
  if (skipped.length === 0) return source;
  const toSource = (index: number): number => {
    let i = index;
    for (const s of skipped) {
      if (s <= i) i++;
      else break;
    }
    return i;
  };
  return { total: source.total - skipped.length, get: (index) => source.get(toSource(index)) };
}
