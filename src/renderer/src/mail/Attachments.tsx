import { useState } from 'react';
import type { AttachmentMeta } from '../../../shared/api/mail';
import { Icon } from '../app/Icon';
import { useServices } from '../app/services';
import { formatBytes } from '../format/bytes';
import { base64ToBytes } from '../import/upload';

export function Attachments({ attachments }: { attachments: AttachmentMeta[] }) {
  const { api, reportError } = useServices();
  const [busy, setBusy] = useState<number | null>(null);
  const visible = attachments.filter((a) => !a.inline || !a.contentType.startsWith('image/'));
  if (visible.length === 0) return null;

  const download = async (attachment: AttachmentMeta) => {
    setBusy(attachment.id);
    try {
      const file = await api.mail.getAttachment({ id: attachment.id });
      const url = URL.createObjectURL(new Blob([base64ToBytes(file.dataBase64)], { type: file.contentType || 'application/octet-stream' }));
      const a = document.createElement('a');
      a.href = url;
      a.download = file.filename; // the core made it safe for a file system
      a.rel = 'noopener';
      document.body.appendChild(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(url), 30_000);
    } catch (err) {
      reportError(err, `download ${attachment.filename}`);
    } finally {
      setBusy(null);
    }
  };

  return (
    <ul className="attachments" aria-label="Attachments">
      {visible.map((a) => (
        <li key={a.id}>
          <button type="button" className="attachment" onClick={() => void download(a)} disabled={busy === a.id} title={`Download ${a.filename}`} data-testid="attachment">
            <Icon name="paperclip" size={14} />
            <span className="attachment-name">{a.filename}</span>
            <span className="attachment-size">{busy === a.id ? 'Saving…' : formatBytes(a.size)}</span>
            <Icon name="download" size={14} className="attachment-download" />
          </button>
        </li>
      ))}
    </ul>
  );
}
