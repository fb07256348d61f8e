import type { CollectionChanges, CollectionKind, DavSink, LocalCollectionState, RemoteCollection } from '../types';

interface MemoryCollection {
  info: RemoteCollection;
  syncToken: string | null;
  ctag: string | null;
  items: Map<string, { etag: string | null; data: string }>;
}

/** An in-memory DavSink for engine tests: what the engine would store, and every batch it applied. */
export class MemorySink implements DavSink {
  readonly collections = new Map<string, MemoryCollection>();
  readonly batches: { url: string; kind: CollectionKind; changes: CollectionChanges }[] = [];

  applyCollections(found: RemoteCollection[]): void {
    for (const url of [...this.collections.keys()]) if (!found.some((f) => f.url === url)) this.collections.delete(url);
    for (const f of found) {
      const known = this.collections.get(f.url);
      if (known) known.info = f;
      else this.collections.set(f.url, { info: f, syncToken: null, ctag: null, items: new Map() });
    }
  }

  collectionState(url: string): LocalCollectionState {
    const c = this.collections.get(url);
    if (!c) throw new Error(`unknown collection ${url}`);
    return { syncToken: c.syncToken, ctag: c.ctag, etags: new Map([...c.items].map(([h, i]) => [h, i.etag])) };
  }

  applyChanges(url: string, kind: CollectionKind, changes: CollectionChanges): void {
    const c = this.collections.get(url);
    if (!c) throw new Error(`unknown collection ${url}`);
    for (const u of changes.upserts) c.items.set(u.href, { etag: u.etag, data: u.data });
    for (const h of changes.removed) c.items.delete(h);
    c.syncToken = changes.syncToken;
    c.ctag = changes.ctag;
    this.batches.push({ url, kind, changes });
  }
}
