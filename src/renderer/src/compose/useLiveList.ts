import { useCallback, useEffect, useState } from 'react';
import type { EventName } from '../../../shared/api/index';
import { useServices } from '../app/services';

export type LiveList<T> = { items: T[] | null; error: unknown; reload(): void };

/** A list fetched now and again whenever the given event fires (drafts, outbox). */
export function useLiveList<T>(load: () => Promise<T[]>, event: EventName): LiveList<T> {
  const { client } = useServices();
  const [items, setItems] = useState<T[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [version, setVersion] = useState(0);
  const reload = useCallback(() => setVersion((v) => v + 1), []);
  useEffect(() => {
    let live = true;
    load().then(
      (list) => {
        if (!live) return;
        setItems(list);
        setError(null);
      },
      (err: unknown) => {
        if (live) setError(err);
      },
    );
    return () => {
      live = false;
    };
  }, [load, version]);
  useEffect(() => client.on(event, reload), [client, event, reload]);
  return { items, error, reload };
}
