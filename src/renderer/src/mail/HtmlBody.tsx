import { useEffect, useMemo, useState } from 'react';
import type { Message } from '../../../shared/api/mail';
import { useServices } from '../app/services';
import { sanitizeMailHtml, type SanitizedMail } from './sanitize-mail-html';
import { buildMailSrcdoc, estimateFrameHeight } from './srcdoc';

const MAX_INLINE_IMAGE_BYTES = 8 * 1024 * 1024;

/** cid → data: URL for the message's inline images, fetched once per message. */
function useInlineImages(message: Message): ReadonlyMap<string, string> | null {
  const { api } = useServices();
  const wanted = useMemo(
    () => message.attachments.filter((a) => a.contentId && a.contentType.startsWith('image/') && a.size <= MAX_INLINE_IMAGE_BYTES && message.bodyHtml?.includes(`cid:${a.contentId}`)),
    [message],
  );
  const [images, setImages] = useState<ReadonlyMap<string, string> | null>(wanted.length === 0 ? new Map() : null);
  useEffect(() => {
    if (wanted.length === 0) return;
    let live = true;
    Promise.allSettled(wanted.map((a) => api.mail.getAttachment({ id: a.id }).then((r) => [a.contentId!, `data:${r.contentType};base64,${r.dataBase64}`] as const))).then((results) => {
      if (!live) return;
      // A part that fails to load shows as a broken image; the rest of the mail still renders.
      setImages(new Map(results.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []))));
    });
    return () => {
      live = false;
    };
  }, [api, wanted]);
  return images;
}

interface Props {
  message: Message;
  onSanitized?(result: SanitizedMail): void;
}

/**
 * HTML mail in a sandboxed iframe: no scripts, no same-origin, links open outside. The HTML is
 * sanitized again here and the frame document starts with a CSP that blocks remote loads
 * unless the user allowed them.
 */
export function HtmlBody({ message, onSanitized }: Props) {
  const inlineImages = useInlineImages(message);
  const allowRemote = message.remoteContentAllowed;
  const sanitized = useMemo(
    () => (inlineImages && message.bodyHtml !== null ? sanitizeMailHtml(message.bodyHtml, { allowRemote, inlineImages }) : null),
    [message.bodyHtml, allowRemote, inlineImages],
  );
  useEffect(() => {
    if (sanitized) onSanitized?.(sanitized);
  }, [sanitized, onSanitized]);

  if (!sanitized) return <div className="body-loading">Loading message…</div>;
  const height = estimateFrameHeight(sanitized, window.innerHeight);
  return (
    <div className="html-frame-wrap" style={{ height }}>
      <iframe
        className="html-frame"
        data-testid="message-body-frame"
        title={`Message: ${message.subject || '(no subject)'}`}
        sandbox="allow-popups allow-popups-to-escape-sandbox"
        referrerPolicy="no-referrer"
        srcDoc={buildMailSrcdoc(sanitized.html, allowRemote)}
      />
    </div>
  );
}
