import { useCallback, useEffect, useRef, useState } from 'react';
import type { Account, Folder } from '../../../shared/api/mail';
import { useServices } from '../app/services';

export interface FolderState {
  accounts: Account[];
  folders: Folder[];
  loaded: boolean;
  reload(): void;
}

/** Accounts and folders, reloaded (coalesced) whenever the store reports changes. */
export function useFolders(): FolderState {
  const { api, client, reportError } = useServices();
  const [state, setState] = useState<{ accounts: Account[]; folders: Folder[]; loaded: boolean }>({ accounts: [], folders: [], loaded: false });
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);

  const load = useCallback(() => {
    Promise.all([api.mail.listAccounts({}), api.mail.listFolders({})]).then(
      ([accounts, folders]) => setState({ accounts, folders, loaded: true }),
      (err: unknown) => {
        setState((s) => ({ ...s, loaded: true }));
        reportError(err, 'load your folders');
      },
    );
  }, [api, reportError]);

  // During an import mail.changed fires often; one reload per 300 ms is plenty for counts.
  const reload = useCallback(() => {
    if (timer.current) return;
    timer.current = setTimeout(() => {
      timer.current = null;
      load();
    }, 300);
  }, [load]);

  useEffect(() => {
    load();
    const off = client.on('mail.changed', reload);
    return () => {
      off();
      if (timer.current) clearTimeout(timer.current);
      timer.current = null;
    };
  }, [client, load, reload]);

  return { ...state, reload };
}
