import type { MouseEvent } from 'react';
import { splitLinks } from './linkify';

/** In Electron, links go through main's allow-list; in a browser a new tab is fine. */
function openOutside(event: MouseEvent<HTMLAnchorElement>, href: string) {
  if (!window.pmsync) return;
  event.preventDefault();
  window.pmsync.openExternal(href);
}

/** Plain-text mail as text nodes; http(s) URLs become links that open only when clicked. */
export function TextBody({ text }: { text: string }) {
  return (
    <div className="text-body">
      {splitLinks(text).map((part, i) =>
        part.kind === 'text' ? (
          <span key={i}>{part.text}</span>
        ) : (
          <a key={i} href={part.href} target="_blank" rel="noopener noreferrer" onClick={(e) => openOutside(e, part.href)}>{part.text}</a>
        ),
      )}
    </div>
  );
}
