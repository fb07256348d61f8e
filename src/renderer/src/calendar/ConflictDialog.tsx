import { useState } from 'react';
import type { SyncConflict } from '../../../shared/api/calendar';
import { Icon } from '../app/Icon';
import { useServices } from '../app/services';
import { useEscapeKey } from '../app/useEscapeKey';
import { formatFullDate } from '../format/date';

/** Each conflict side by side; "Keep mine" writes ours over the server's new version, "Use server's" drops ours. */
export function ConflictDialog({ conflicts, onResolved, onClose }: { conflicts: SyncConflict[]; onResolved(): void; onClose(): void }) {
  const { api, reportError } = useServices();
  const [busy, setBusy] = useState<number | null>(null);
  useEscapeKey(onClose, busy === null);

  const resolve = async (conflict: SyncConflict, keep: 'local' | 'server') => {
    setBusy(conflict.id);
    try {
      await api.calendar.resolveConflict({ conflictId: conflict.id, keep });
      onResolved();
      if (conflicts.length === 1) onClose();
    } catch (err) {
      reportError(err, 'resolve the conflict');
    } finally {
      setBusy(null);
    }
  };

  return (
    <div className="overlay" onMouseDown={() => busy === null && onClose()}>
      <div className="dialog conflict-dialog" role="dialog" aria-modal="true" aria-labelledby="conflict-title" data-testid="conflict-dialog" onMouseDown={(e) => e.stopPropagation()}>
        <header className="dialog-header">
          <h2 id="conflict-title">Choose a version</h2>
          <button type="button" className="icon-button" aria-label="Close" onClick={onClose}><Icon name="close" size={16} /></button>
        </header>
        <div className="dialog-body">
          {conflicts.map((c) => (
            <section key={c.id} className="conflict-item" data-testid="conflict-item">
              <h3>{c.title || '(No title)'}</h3>
              <p className="muted small">Found {formatFullDate(c.createdAt)}</p>
              <div className="conflict-sides">
                <div>
                  <h4>Yours (on this computer)</h4>
                  <p>{c.localSummary}</p>
                </div>
                <div>
                  <h4>Server’s</h4>
                  <p>{c.serverData === null ? 'Deleted on the server.' : c.serverSummary}</p>
                </div>
              </div>
              <details>
                <summary>Show the raw iCalendar of both</summary>
                <pre className="conflict-raw">{c.localData}</pre>
                {c.serverData !== null && <pre className="conflict-raw">{c.serverData}</pre>}
              </details>
              <div className="dialog-footer">
                <button type="button" className="button" disabled={busy !== null} data-testid="conflict-keep-server" onClick={() => void resolve(c, 'server')}>Use server’s</button>
                <button type="button" className="button primary" disabled={busy !== null} data-testid="conflict-keep-local" onClick={() => void resolve(c, 'local')}>Keep mine</button>
              </div>
            </section>
          ))}
        </div>
      </div>
    </div>
  );
}
