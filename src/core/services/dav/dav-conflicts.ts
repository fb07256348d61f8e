import type { SyncConflict } from '../../../shared/api/calendar';
import { PmsyncError } from '../../../shared/errors';
import type { EventHub } from '../../events';
import type { DavConflictRow, DavStore } from '../../store/dav-store';
import type { ProfileStore } from '../../store/types';
import { emitDavChanged } from './dav-events';
import { DAV_DELETE, DAV_PUT } from './dav-tasks';

/** First value of an iCalendar/vCard property (unfolded), for a one-line summary. */
export function propertyValue(data: string | null, name: string): string {
  if (!data) return '';
  const unfolded = data.replace(/\r?\n[ \t]/g, '');
  const m = new RegExp(`^${name}(?:;[^:\\r\\n]*)?:(.*)$`, 'im').exec(unfolded);
  return (m?.[1] ?? '').replace(/\\([,;\\])/g, '$1').replace(/\\n/gi, ' ').trim();
}

function summaryOf(kind: 'event' | 'contact', data: string | null, side: 'here' | 'on the server'): string {
  if (data === null) return `Deleted ${side}`;
  if (kind === 'contact') return propertyValue(data, 'FN') || '(no name)';
  const title = propertyValue(data, 'SUMMARY') || '(no title)';
  const start = propertyValue(data, 'DTSTART');
  return start ? `${title} — ${start}` : title;
}

function toApi(k: DavConflictRow): SyncConflict {
  const kind = k.collection.kind === 'calendar' ? 'event' : 'contact';
  const titleFrom = k.localData ?? k.serverData;
  return {
    id: k.id, kind, collectionId: k.collection.id,
    title: (kind === 'event' ? propertyValue(titleFrom, 'SUMMARY') : propertyValue(titleFrom, 'FN')) || k.href.split('/').pop() || '',
    localSummary: summaryOf(kind, k.localData, 'here'), serverSummary: summaryOf(kind, k.serverData, 'on the server'),
    localData: k.localData ?? '', serverData: k.serverData, createdAt: k.createdAt,
  };
}

export interface DavConflictServiceOptions {
  store: ProfileStore;
  dav: DavStore;
  events: EventHub;
  afterChange?: (accountId: number) => void;
  now?: () => number;
}

/** calendar.listConflicts / calendar.resolveConflict (contacts' 412s appear here too). */
export class DavConflictService {
  constructor(private readonly o: DavConflictServiceOptions) {}

  list(): SyncConflict[] {
    return this.o.dav.listConflicts().map(toApi);
  }

  /**
   * keep 'server': the server's version replaces ours. keep 'local': ours is written again over
   * the server's current version (If-Match on the ETag we just saw, so a third change in the
   * meantime is again a conflict, never lost).
   */
  resolve(conflictId: number, keep: 'local' | 'server'): { ok: true } {
    const k = this.o.dav.conflict(conflictId);
    if (!k) throw new PmsyncError('NOT_FOUND', `Conflict ${conflictId} no longer exists (it may have been resolved already).`, 'Refresh the list of conflicts.');
    if (keep === 'server') {
      this.o.dav.takeServer(k);
    } else {
      this.o.store.transaction(() => {
        const next = this.o.dav.keepLocal(k);
        if (next) this.o.store.tasks.insert({ kind: next === 'put' ? DAV_PUT : DAV_DELETE, accountId: k.collection.accountId, payload: { resourceId: k.resourceId } }, (this.o.now ?? Date.now)());
      });
    }
    emitDavChanged(this.o.events, [{ kind: k.collection.kind, collectionId: k.collection.id }]);
    this.o.afterChange?.(k.collection.accountId);
    return { ok: true };
  }
}
