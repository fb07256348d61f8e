import { PmsyncError } from '../../../shared/errors';
import type { CollectionChanges, CollectionKind, DavSink, LocalCollectionState, RemoteCollection } from '../../../sync/dav/types';
import type { DavStore } from '../../store/dav-store';

/** The engine's sink for one account, on the encrypted store; reports what changed. */
export class DavStoreSink implements DavSink {
  constructor(
    private readonly accountId: number,
    private readonly store: DavStore,
    private readonly onChanged: (changes: { kind: CollectionKind; collectionId: number }[]) => void,
  ) {}

  applyCollections(found: RemoteCollection[]): void {
    const { added, removed } = this.store.applyCollections(this.accountId, found.map((c) => ({
      kind: c.kind, url: c.url, name: c.name, color: c.color, readOnly: c.readOnly, components: c.components,
    })));
    const touched = [
      ...removed.map((c) => ({ kind: c.kind, collectionId: c.id })),
      ...added.map((id) => ({ kind: this.store.collection(id)?.kind ?? 'calendar', collectionId: id })),
    ];
    if (touched.length) this.onChanged(touched);
  }

  private id(url: string): number {
    const c = this.store.collectionByUrl(this.accountId, url);
    if (!c) throw new PmsyncError('INTERNAL', `The collection ${url} is not known locally.`, 'Sync again; if it persists, please report it.');
    return c.id;
  }

  collectionState(url: string): LocalCollectionState {
    return this.store.collectionState(this.id(url));
  }

  applyChanges(url: string, kind: CollectionKind, changes: CollectionChanges): void {
    const collectionId = this.id(url);
    const applied = this.store.applyServerChanges(collectionId, {
      upserts: changes.upserts, removed: changes.removed, syncToken: changes.syncToken, ctag: changes.ctag,
    });
    if (applied.changed > 0) this.onChanged([{ kind, collectionId }]);
  }
}
