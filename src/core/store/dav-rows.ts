import type { DavCollectionRow, DavResourceRow } from './dav-types';
import type { DavResourceState } from './dav-store-types';

export interface CollectionSqlRow {
  id: number; account_id: number; kind: DavCollectionRow['kind']; url: string; name: string; color: string;
  read_only: number; visible: number; components: string;
}

export interface ResourceSqlRow {
  id: number; collection_id: number; href: string; etag: string | null; data: string;
  sync_state: DavResourceRow['syncState']; deleted: number; local_rev: number;
}

export const COLLECTION_COLUMNS = 'id, account_id, kind, url, name, color, read_only, visible, components';
export const RESOURCE_COLUMNS = 'id, collection_id, href, etag, data, sync_state, deleted, local_rev';

function components(raw: string): string[] {
  try {
    const v: unknown = JSON.parse(raw);
    return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
  } catch {
    return [];
  }
}

export function toCollection(r: CollectionSqlRow): DavCollectionRow {
  return {
    id: r.id, accountId: r.account_id, kind: r.kind, url: r.url, name: r.name, color: r.color,
    readOnly: r.read_only === 1, visible: r.visible === 1, components: components(r.components),
  };
}

export function toResource(r: ResourceSqlRow): DavResourceRow {
  return { id: r.id, collectionId: r.collection_id, href: r.href, etag: r.etag, data: r.data, syncState: r.sync_state };
}

export function toResourceState(r: ResourceSqlRow): DavResourceState {
  return { ...toResource(r), deleted: r.deleted === 1, localRev: r.local_rev };
}
