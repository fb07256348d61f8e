import { PmsyncError } from '../../../shared/errors';
import { resourceHref } from '../../../sync/dav/href';
import type { EventHub } from '../../events';
import type { DavStore } from '../../store/dav-store';
import type { DavCollectionKind, DavCollectionRow, DavResourceRow, DavWriter } from '../../store/dav-types';
import type { ProfileStore } from '../../store/types';
import { emitDavChanged } from './dav-events';
import { assertWritable, DAV_DELETE, DAV_PUT } from './dav-tasks';

export interface DavWriterOptions {
  store: ProfileStore;
  dav: DavStore;
  events: EventHub;
  /** Called after each committed local change (the queue is kicked, a sync follows). */
  afterChange?: (accountId: number) => void;
  now?: () => number;
}

/** A file name for a new resource from its UID (RFC 4791 leaves the name to the client). */
export function hrefFor(collectionUrl: string, uid: string, kind: DavCollectionKind): string {
  const safe = uid.replace(/[^A-Za-z0-9._@-]/g, '_').slice(0, 200) || 'item';
  // Canonical spelling (a@b → a%40b), the one sync compares server hrefs in.
  return resourceHref(collectionUrl, `${safe}${kind === 'calendar' ? '.ics' : '.vcf'}`);
}

function notFound(what: string): PmsyncError {
  return new PmsyncError('NOT_FOUND', `${what} does not exist (it may have been deleted).`, 'Refresh the view and try again.');
}

/**
 * Local writes for the calendar and contacts services: the change and its persisted task
 * commit in one transaction, the indexes follow inside it (DavStore), and the task queue sends
 * it when the server is reachable — offline edits simply wait.
 */
export class DavWriterService implements DavWriter {
  private readonly now: () => number;

  constructor(private readonly o: DavWriterOptions) {
    this.now = o.now ?? Date.now;
  }

  private collectionOrThrow(id: number): DavCollectionRow {
    const c = this.o.dav.collection(id);
    if (!c) throw notFound(`Calendar or address book ${id}`);
    return c;
  }

  private task(kind: typeof DAV_PUT | typeof DAV_DELETE, accountId: number, resourceId: number): void {
    this.o.store.tasks.insert({ kind, accountId, payload: { resourceId } }, this.now());
  }

  private done(coll: DavCollectionRow, also?: DavCollectionRow): void {
    emitDavChanged(this.o.events, [coll, ...(also ? [also] : [])].map((c) => ({ kind: c.kind, collectionId: c.id })));
    this.o.afterChange?.(coll.accountId);
    if (also && also.accountId !== coll.accountId) this.o.afterChange?.(also.accountId);
  }

  create(collectionId: number, uid: string, data: string): DavResourceRow {
    const coll = this.collectionOrThrow(collectionId);
    assertWritable(coll.readOnly, coll.name);
    const row = this.o.store.transaction(() => {
      const created = this.o.dav.createLocal(coll.id, hrefFor(coll.url, uid, coll.kind), data);
      this.task(DAV_PUT, coll.accountId, created.id);
      return created;
    });
    this.done(coll);
    return row;
  }

  update(resourceId: number, data: string, toCollectionId?: number): DavResourceRow {
    const current = this.o.dav.resource(resourceId);
    if (!current) throw notFound(`Item ${resourceId}`);
    const from = this.collectionOrThrow(current.collectionId);
    assertWritable(from.readOnly, from.name);
    if (toCollectionId !== undefined && toCollectionId !== from.id) return this.move(current, from, data, toCollectionId);
    const row = this.o.store.transaction(() => {
      const { row: updated, needsTask } = this.o.dav.updateLocal(resourceId, data);
      if (needsTask) this.task(DAV_PUT, from.accountId, resourceId);
      return updated;
    });
    this.done(from);
    return row;
  }

  /** DAV has no cross-collection MOVE we can rely on: a new item there, a deletion here. */
  private move(current: DavResourceRow, from: DavCollectionRow, data: string, toCollectionId: number): DavResourceRow {
    const to = this.collectionOrThrow(toCollectionId);
    assertWritable(to.readOnly, to.name);
    if (to.kind !== from.kind) throw new PmsyncError('INVALID_INPUT', `Cannot move an item from "${from.name}" to "${to.name}": they hold different kinds of items.`, 'Choose a collection of the same kind.');
    const name = decodeURIComponent(current.href.split('/').pop() ?? 'item');
    const row = this.o.store.transaction(() => {
      const created = this.o.dav.createLocal(to.id, resourceHref(to.url, name), data);
      this.task(DAV_PUT, to.accountId, created.id);
      if (this.o.dav.removeLocal(current.id)) this.task(DAV_DELETE, from.accountId, current.id);
      return created;
    });
    this.done(to, from);
    return row;
  }

  remove(resourceId: number): void {
    const current = this.o.dav.resource(resourceId);
    if (!current) return;
    const coll = this.collectionOrThrow(current.collectionId);
    assertWritable(coll.readOnly, coll.name);
    this.o.store.transaction(() => {
      if (this.o.dav.removeLocal(resourceId)) this.task(DAV_DELETE, coll.accountId, resourceId);
    });
    this.done(coll);
  }

  getResource(resourceId: number): DavResourceRow | undefined {
    return this.o.dav.resource(resourceId);
  }

  getCollection(collectionId: number): DavCollectionRow | undefined {
    return this.o.dav.collection(collectionId);
  }

  listCollections(kind: DavCollectionKind): DavCollectionRow[] {
    return this.o.dav.listCollections(kind);
  }
}
