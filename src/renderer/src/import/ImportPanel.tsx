import { Icon } from '../app/Icon';
import { formatBytes } from '../format/bytes';
import { jobPercent, type ImportJob } from './useImports';

function JobRow({ job, onOpenFolder }: { job: ImportJob; onOpenFolder(folderId: number): void }) {
  const percent = jobPercent(job);
  const messages = job.result ? job.result.imported + job.result.duplicates : job.progress?.messages ?? 0;
  return (
    <li className={`import-job ${job.status}`} data-status={job.status}>
      <div className="import-job-top">
        <span className="import-file" title={job.fileName}>{job.fileName}</span>
        <span className="muted">{formatBytes(job.size)}</span>
      </div>
      {job.status !== 'done' && job.status !== 'failed' && (
        <>
          <div className="progress" role="progressbar" aria-valuemin={0} aria-valuemax={100} aria-valuenow={percent} aria-label={`Importing ${job.fileName}`}>
            <div className="progress-bar" style={{ width: `${percent}%` }} />
          </div>
          <div className="import-line muted">
            {job.status === 'queued' ? 'Waiting…' : job.status === 'finishing' ? `Finishing… ${messages.toLocaleString()} messages` : `${percent}% · ${messages.toLocaleString()} messages`}
          </div>
        </>
      )}
      {job.status === 'done' && job.result && (
        <div className="import-summary">
          <span className="ok"><Icon name="check" size={14} /> {job.result.imported.toLocaleString()} imported</span>
          {job.result.duplicates > 0 && <span className="muted">{job.result.duplicates.toLocaleString()} already there</span>}
          {job.result.failed.length > 0 && <span className="warn">{job.result.failed.length.toLocaleString()} failed</span>}
          {job.result.folderIds.length > 0 && (
            <button type="button" className="link-button" onClick={() => onOpenFolder(job.result!.folderIds[0])}>Show</button>
          )}
          {job.result.failed.length > 0 && (
            <details className="import-failures">
              <summary>Why some messages failed</summary>
              <ul>
                {job.result.failed.slice(0, 50).map((f) => (
                  <li key={`${f.file}:${f.index}`}>Message {f.index + 1}: {f.reason}</li>
                ))}
                {job.result.failed.length > 50 && <li>…and {job.result.failed.length - 50} more.</li>}
              </ul>
            </details>
          )}
        </div>
      )}
      {job.status === 'failed' && job.error && (
        <div className="import-error" role="alert">
          <div>{job.error.message}</div>
          {job.error.hint && <div className="muted">{job.error.hint}</div>}
        </div>
      )}
    </li>
  );
}

export function ImportPanel({ jobs, onClose, onOpenFolder }: { jobs: ImportJob[]; onClose(): void; onOpenFolder(folderId: number): void }) {
  if (jobs.length === 0) return null;
  const active = jobs.some((j) => j.status !== 'done' && j.status !== 'failed');
  return (
    <aside className="import-panel" data-testid="import-status" data-active={active} aria-live="polite" aria-label="Import">
      <header>
        <Icon name="upload" size={16} />
        <h2>{active ? 'Importing mail' : 'Import finished'}</h2>
        {!active && (
          <button type="button" className="icon-button" aria-label="Close import summary" onClick={onClose}>
            <Icon name="close" size={14} />
          </button>
        )}
      </header>
      <ul className="import-jobs">
        {jobs.map((j) => <JobRow key={j.key} job={j} onOpenFolder={onOpenFolder} />)}
      </ul>
    </aside>
  );
}
