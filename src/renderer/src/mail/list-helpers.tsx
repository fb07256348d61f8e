import { useCallback, useEffect, useState } from 'react';
import { describeError } from '../app/describe-error';
import type { PagedList } from './usePagedList';

/** The value after typing paused for `ms`; `flush` takes the current value at once (Enter). */
export function useDebounced<T>(value: T, ms: number): [T, () => void] {
  const [debounced, setDebounced] = useState(value);
  useEffect(() => {
    const t = setTimeout(() => setDebounced(value), ms);
    return () => clearTimeout(t);
  }, [value, ms]);
  const flush = useCallback(() => setDebounced(value), [value]);
  return [debounced, flush];
}

export function ListError({ list, doing }: { list: PagedList<unknown>; doing: string }) {
  if (!list.error) return null;
  const { message, hint } = describeError(list.error, doing);
  return (
    <div className="list-error" role="alert">
      <p>{message}</p>
      {hint && <p className="muted">{hint}</p>}
      <button type="button" className="button small" onClick={list.invalidate}>Try again</button>
    </div>
  );
}

