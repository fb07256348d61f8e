import { useCallback, useEffect, useState } from 'react';
import type { SyncStatus } from '../../../shared/api/accounts';
import { useServices } from '../app/services';
import { isNotAvailable } from './setup-logic';

export interface SyncStatusState {
  /** False while the core does not offer sync yet (older core): the UI shows no sync chrome. */
  available: boolean;
  byAccount: ReadonlyMap<number, SyncStatus>;
  retry(accountId: number): void;
}

/** sync.status once, then every `sync.status` event replaces that account's entry. */
export function useSyncStatus(): SyncStatusState {
  const { api, client, reportError } = useServices();
  const [available, setAvailable] = useState(false);
  const [byAccount, setByAccount] = useState<ReadonlyMap<number, SyncStatus>>(new Map());

  useEffect(() => {
    let live = true;
    api.sync.status({}).then(
      (list) => {
        if (!live) return;
        setAvailable(true);
        setByAccount((prev) => {
          const next = new Map(prev);
          for (const s of list) if (!next.has(s.accountId)) next.set(s.accountId, s);
          return next;
        });
      },
      (err: unknown) => {
        if (live && !isNotAvailable(err)) reportError(err, 'read the sync status');
      },
    );
    const off = client.on('sync.status', (s) => {
      setAvailable(true);
      setByAccount((prev) => new Map(prev).set(s.accountId, s));
    });
    return () => {
      live = false;
      off();
    };
  }, [api, client, reportError]);

  const retry = useCallback((accountId: number) => {
    api.sync.now({ accountId }).catch((err: unknown) => reportError(err, 'sync now'));
  }, [api, reportError]);

  return { available, byAccount, retry };
}

/** A clock for relative times ("retrying in 10s", "2 min ago"). */
export function useNow(intervalMs: number): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const t = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(t);
  }, [intervalMs]);
  return now;
}
