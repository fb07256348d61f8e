import type { SyncStatus } from '../../../shared/api/accounts';
import { Icon } from '../app/Icon';
import { formatFullDate } from '../format/date';
import { describeSync } from './setup-logic';

/** Under an account in the sidebar: progress, up to date, offline, or an error with Retry. */
export function SyncStatusLine({ status, now, onRetry }: { status: SyncStatus; now: number; onRetry(): void }) {
  const line = describeSync(status, now);
  const last = status.lastSyncAt !== null ? `Last synced ${formatFullDate(status.lastSyncAt)}` : 'Not synced yet';
  return (
    <div className={`sync-line sync-${line.tone}`} data-testid="sync-status" data-state={status.state} title={last} role={line.tone === 'error' ? 'alert' : 'status'}>
      <div className="sync-text">
        {line.tone === 'error' && <Icon name="alert" size={12} />}
        {line.tone === 'offline' && <span className="offline-dot" aria-hidden="true" />}
        <span>{line.text}</span>
      </div>
      {line.tone === 'busy' && (
        <div className="progress sync-progress" role="progressbar" aria-label={line.text} aria-valuemin={0} aria-valuemax={100} aria-valuenow={line.fraction === null ? undefined : Math.round(line.fraction * 100)}>
          <div className={`progress-bar${line.fraction === null ? ' indeterminate' : ''}`} style={{ width: line.fraction === null ? '30%' : `${Math.round(line.fraction * 100)}%` }} />
        </div>
      )}
      {line.tone === 'error' && (
        <>
          {status.error?.hint && <div className="sync-hint">{status.error.hint}</div>}
          <button type="button" className="button small" data-testid="sync-retry" onClick={onRetry}>Retry</button>
        </>
      )}
    </div>
  );
}
