import { useSyncExternalStore } from 'react';
import { Icon } from '../app/Icon';
import { formatBytes } from '../format/bytes';
import type { DraftSession } from './draft-session';

/** Attachments over the account's size limit (or a common 25 MB when the server named none) get a warning. */
export const DEFAULT_SIZE_WARNING_BYTES = 25 * 1024 * 1024;

export function sizeWarning(totalBytes: number, limit: number | null): string | null {
  const max = limit ?? DEFAULT_SIZE_WARNING_BYTES;
  if (totalBytes <= max) return null;
  return limit
    ? `Attachments total ${formatBytes(totalBytes)}, more than the ${formatBytes(limit)} your mail server accepts. Remove some, or share large files by link.`
    : `Attachments total ${formatBytes(totalBytes)}; many mail servers refuse messages over ${formatBytes(max)}. Consider sharing large files by link.`;
}

/** Files attached to the draft (inline images are in the body, not listed), with sizes and remove buttons. */
export function AttachmentList({ session, uploading, onRemove }: { session: DraftSession; uploading: string[]; onRemove(id: number): void }) {
  const snap = useSyncExternalStore(session.subscribe, session.getSnapshot);
  const files = snap.attachments.filter((a) => a.contentId === null);
  const warning = sizeWarning(snap.totalBytes, snap.sizeLimitBytes);
  if (files.length === 0 && uploading.length === 0 && !warning) return null;
  return (
    <div className="compose-attachments" data-testid="compose-attachments">
      <ul>
        {files.map((a) => (
          <li key={a.id} className="compose-attachment" data-testid="compose-attachment">
            <Icon name="paperclip" size={14} />
            <span className="attachment-name" title={a.filename}>{a.filename}</span>
            <span className="muted attachment-size">{formatBytes(a.size)}</span>
            <button type="button" className="icon-button" aria-label={`Remove ${a.filename}`} data-testid="remove-attachment" onClick={() => onRemove(a.id)}>
              <Icon name="close" size={12} />
            </button>
          </li>
        ))}
        {uploading.map((name, i) => (
          <li key={`u${i}`} className="compose-attachment uploading" aria-busy="true">
            <Icon name="upload" size={14} />
            <span className="attachment-name">{name}</span>
            <span className="muted">adding…</span>
          </li>
        ))}
      </ul>
      {warning && <p className="compose-size-warning" role="alert" data-testid="size-warning"><Icon name="alert" size={14} />{warning}</p>}
    </div>
  );
}
