import { useRef, useState } from 'react';
import type { Template } from '../../../shared/api/compose';
import { Icon } from '../app/Icon';
import type { DraftSession } from './draft-session';
import { SendLaterMenu } from './SendLaterMenu';
import { TemplatesMenu } from './TemplatesMenu';

const MOD = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform) ? '⌘' : 'Ctrl+';

interface Props {
  session: DraftSession;
  sending: boolean;
  onSend(sendAt?: number): void;
  onFiles(files: File[]): void;
  onInsertTemplate(t: Template): void;
  onDiscard(): void;
}

/** Send (and send later), attach, templates, discard. */
export function ComposeFooter({ session, sending, onSend, onFiles, onInsertTemplate, onDiscard }: Props) {
  const [menu, setMenu] = useState<'later' | 'templates' | null>(null);
  const fileInput = useRef<HTMLInputElement>(null);
  return (
    <footer className="compose-footer" onKeyDown={(e) => {
      // Esc closes an open menu first; the composer closes on the next one.
      if (e.key === 'Escape' && menu !== null) {
        e.preventDefault();
        setMenu(null);
      }
    }}>
      <div className="send-group">
        <button type="button" className="button primary" data-testid="compose-send" disabled={sending} title={`Send (${MOD}Enter)`} onClick={() => onSend()}>
          <Icon name="send" size={15} />{sending ? 'Sending…' : 'Send'}
        </button>
        <button type="button" className="button primary send-later-toggle" aria-label="Send later…" title="Send later…" aria-expanded={menu === 'later'} data-testid="send-later" disabled={sending} onClick={() => setMenu(menu === 'later' ? null : 'later')}>
          <Icon name="chevronDown" size={14} />
        </button>
        {menu === 'later' && <SendLaterMenu onClose={() => setMenu(null)} onSchedule={(at) => {
          setMenu(null);
          onSend(at);
        }} />}
      </div>
      <button type="button" className="icon-button" aria-label="Attach files" title="Attach files" data-testid="compose-attach" onClick={() => fileInput.current?.click()}>
        <Icon name="paperclip" size={16} />
      </button>
      <input ref={fileInput} type="file" multiple className="visually-hidden-input" tabIndex={-1} data-testid="compose-file-input" aria-label="Choose files to attach" onChange={(e) => {
        onFiles([...(e.currentTarget.files ?? [])]);
        e.currentTarget.value = '';
      }} />
      <div className="templates-group">
        <button type="button" className="button ghost small" aria-expanded={menu === 'templates'} data-testid="compose-templates" onClick={() => setMenu(menu === 'templates' ? null : 'templates')}>
          Templates
        </button>
        {menu === 'templates' && <TemplatesMenu session={session} onClose={() => setMenu(null)} onInsert={(t) => {
          setMenu(null);
          onInsertTemplate(t);
        }} />}
      </div>
      <span className="compose-footer-spacer" />
      <button type="button" className="icon-button" aria-label="Discard draft" title="Discard draft" data-testid="compose-discard" onClick={onDiscard}>
        <Icon name="trash" size={16} />
      </button>
    </footer>
  );
}
