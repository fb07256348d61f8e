import { useCallback } from 'react';
import { Icon } from '../app/Icon';
import { useServices } from '../app/services';
import { useLiveList } from './useLiveList';

export type ComposeList = 'drafts' | 'outbox';

/** "Drafts" and "Outbox" at the top of the folder list, with counts. */
export function ComposeNav({ selected, onSelect }: { selected: ComposeList | null; onSelect(list: ComposeList): void }) {
  const { api } = useServices();
  const drafts = useLiveList(useCallback(() => api.compose.listDrafts({}), [api]), 'compose.draftsChanged');
  const outbox = useLiveList(useCallback(() => api.compose.listOutbox({}), [api]), 'compose.outboxChanged');
  const waiting = outbox.items?.filter((e) => e.state !== 'sent' && e.state !== 'cancelled').length ?? 0;
  const failed = outbox.items?.some((e) => e.state === 'failed') ?? false;
  const item = (list: ComposeList, label: string, icon: 'drafts' | 'send', count: number, alert = false) => (
    <div className={`folder-item${selected === list ? ' selected' : ''}`}>
      <span className="folder-twisty" />
      <button type="button" className="folder-button" data-testid={`nav-${list}`} aria-current={selected === list ? 'page' : undefined} onClick={() => onSelect(list)}>
        <Icon name={icon} size={16} className="folder-icon" />
        <span className="folder-name">{label}</span>
        {count > 0 && <span className={`badge${alert ? ' badge-alert' : ''}`} aria-label={`${count} ${list === 'drafts' ? 'drafts' : 'waiting'}`}>{count}</span>}
      </button>
    </div>
  );
  return (
    <div className="compose-nav" data-testid="compose-nav">
      {item('drafts', 'Drafts', 'drafts', drafts.items?.length ?? 0)}
      {item('outbox', 'Outbox', 'send', waiting, failed)}
    </div>
  );
}
