import type { SearchHit } from '../../../shared/api/mail';
import { Icon } from '../app/Icon';
import { formatListDate } from '../format/date';
import { splitSnippet } from './snippet-marks';

/** Marked terms become <mark> elements built from text: the snippet is never parsed as HTML. */
export function MarkedText({ text }: { text: string }) {
  return (
    <>
      {splitSnippet(text).map((part, i) => (part.marked ? <mark key={i}>{part.text}</mark> : <span key={i}>{part.text}</span>))}
    </>
  );
}

export function SearchHitRow({ hit, folderName, now }: { hit: SearchHit | undefined; folderName: string | undefined; now: number }) {
  if (!hit) {
    return (
      <div className="row row-placeholder" aria-hidden="true">
        <span className="skeleton skeleton-line w40" />
        <span className="skeleton skeleton-line w70" />
      </div>
    );
  }
  return (
    <div className={`row thread-row${hit.unread ? ' unread' : ''}`} data-testid="search-hit" data-thread-id={hit.threadId}>
      <div className="row-line">
        <span className="row-from">{hit.from ? hit.from.name || hit.from.address : '(no sender)'}</span>
        {folderName && <span className="row-folder">{folderName}</span>}
        <span className="row-icons">
          {hit.hasAttachments && <span title="Has attachments"><Icon name="paperclip" size={14} /><span className="sr-only">Has attachments</span></span>}
          {hit.flagged && <span className="flagged" title="Flagged"><Icon name="flag" size={14} filled /><span className="sr-only">Flagged</span></span>}
        </span>
        <time className="row-date" dateTime={new Date(hit.date).toISOString()}>{formatListDate(hit.date, now)}</time>
      </div>
      <div className="row-subject">
        {hit.unread && <span className="unread-dot" aria-label="Unread" />}
        {hit.subject || '(no subject)'}
      </div>
      <div className="row-snippet"><MarkedText text={hit.snippet} /></div>
    </div>
  );
}
