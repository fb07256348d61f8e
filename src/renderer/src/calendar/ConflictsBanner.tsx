import { useCallback, useEffect, useState } from 'react';
import type { SyncConflict } from '../../../shared/api/calendar';
import { isNotAvailable } from '../accounts/setup-logic';
import { Icon } from '../app/Icon';
import { useServices } from '../app/services';
import { ConflictDialog } from './ConflictDialog';

/** "N changes conflict with the server": a 412 never overwrites; the user picks a version here. */
export function ConflictsBanner() {
  const { api, client, reportError } = useServices();
  const [conflicts, setConflicts] = useState<SyncConflict[]>([]);
  const [open, setOpen] = useState(false);

  const load = useCallback(async () => {
    try {
      const all = await api.calendar.listConflicts({});
      setConflicts(all.filter((c) => c.kind === 'event'));
    } catch (err) {
      if (!isNotAvailable(err)) reportError(err, 'list sync conflicts');
    }
  }, [api, reportError]);

  useEffect(() => {
    void load();
  }, [load]);
  useEffect(() => client.on('calendar.changed', () => void load()), [client, load]);

  if (conflicts.length === 0) return null;
  const n = conflicts.length;
  return (
    <>
      <div className="calendar-banner warn" role="status" data-testid="calendar-conflicts-banner">
        <Icon name="alert" size={16} />
        <span>{n === 1 ? 'One event was' : `${n} events were`} changed here and on the server. Nothing was overwritten: choose which version to keep.</span>
        <button type="button" className="button small" data-testid="calendar-conflicts-review" onClick={() => setOpen(true)}>Review</button>
      </div>
      {open && <ConflictDialog conflicts={conflicts} onResolved={() => void load()} onClose={() => setOpen(false)} />}
    </>
  );
}
