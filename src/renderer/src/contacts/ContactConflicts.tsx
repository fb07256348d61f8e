import { useCallback, useEffect, useState } from 'react';
import type { SyncConflict } from '../../../shared/api/calendar';
import { Icon } from '../app/Icon';
import { useServices } from '../app/services';

/**
 * Contacts changed here and on the server at the same time (a 412 on PUT): both versions are
 * kept until the user picks one. The calendar lists only event conflicts, so contacts show theirs.
 */
export function ContactConflicts() {
  const { client, api, reportError } = useServices();
  const [conflicts, setConflicts] = useState<SyncConflict[]>([]);
  const reload = useCallback(() => {
    api.calendar.listConflicts({}).then((all) => setConflicts(all.filter((c) => c.kind === 'contact')), () => setConflicts([]));
  }, [api]);
  useEffect(() => reload(), [reload]);
  useEffect(() => client.on('contacts.changed', () => reload()), [client, reload]);
  const resolve = (conflict: SyncConflict, keep: 'local' | 'server') => {
    api.calendar.resolveConflict({ conflictId: conflict.id, keep }).then(reload, (err: unknown) => reportError(err, 'resolve the conflict'));
  };
  if (conflicts.length === 0) return null;
  return (
    <section className="contact-conflicts" role="alert" aria-label="Contacts changed in two places" data-testid="contact-conflicts">
      <p><Icon name="alert" size={14} /> {conflicts.length === 1 ? 'A contact was' : `${conflicts.length} contacts were`} changed here and on the server at the same time. Nothing was overwritten: choose the version to keep.</p>
      <ul>
        {conflicts.map((c) => (
          <li key={c.id}>
            <strong>{c.title}</strong>
            <div className="contact-conflict-versions">
              <div><span className="muted small">Yours</span><p>{c.localSummary || 'Deleted here'}</p></div>
              <div><span className="muted small">Server</span><p>{c.serverData === null ? 'Deleted on the server' : c.serverSummary}</p></div>
            </div>
            <button type="button" className="button small" onClick={() => resolve(c, 'local')}>Keep yours</button>{' '}
            <button type="button" className="button small" onClick={() => resolve(c, 'server')}>Keep the server’s</button>
          </li>
        ))}
      </ul>
    </section>
  );
}
