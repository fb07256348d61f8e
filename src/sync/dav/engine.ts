import { syncCollection } from './collection-sync';
import { discover, listCollections } from './discovery';
import { DavHttp } from './http';
import { deleteResource, getResource, putResource, type WriteResult } from './writes';
import type { CollectionKind, CollectionReport, DavCredentials, DavProgress, DavSink, Discovery, RemoteCollection } from './types';

export interface DavHomes {
  calendarHome: string | null;
  addressBookHome: string | null;
}

export interface DavEngineOptions {
  credentials: DavCredentials;
  /** Home sets found when the account was added; discovery runs again when absent. */
  homes?: DavHomes;
  timeoutMs?: number;
}

export interface DavSyncReport {
  collections: CollectionReport[];
}

/**
 * CalDAV and CardDAV for one account: discovery, pull sync of every collection through a sink,
 * and conditional writes. Stateless between calls: everything it remembers lives in the sink.
 */
export class DavEngine {
  readonly http: DavHttp;

  constructor(private readonly o: DavEngineOptions) {
    this.http = new DavHttp({ user: o.credentials.user, password: o.credentials.password, timeoutMs: o.timeoutMs });
  }

  discover(): Promise<Discovery> {
    return discover(this.http, this.o.credentials.url);
  }

  /** The collections in the account's home sets right now. */
  async listCollections(): Promise<RemoteCollection[]> {
    const homes = this.o.homes ?? (await this.discover());
    const urls = [...new Set([homes.calendarHome, homes.addressBookHome].filter((h): h is string => !!h))];
    const lists = await Promise.all(urls.map((h) => listCollections(this.http, h)));
    const byUrl = new Map<string, RemoteCollection>();
    for (const c of lists.flat()) byUrl.set(c.url, c);
    return [...byUrl.values()];
  }

  /**
   * One pass: the collection list (new and removed calendars/address books), then each
   * collection — calendars and address books in two lanes side by side.
   */
  async syncOnce(sink: DavSink, onProgress?: (p: DavProgress) => void): Promise<DavSyncReport> {
    const collections = await this.listCollections();
    sink.applyCollections(collections);
    const lane = async (kind: CollectionKind): Promise<CollectionReport[]> => {
      const mine = collections.filter((c) => c.kind === kind);
      const phase = kind === 'calendar' ? 'calendars' : 'contacts';
      const reports: CollectionReport[] = [];
      for (const [i, c] of mine.entries()) {
        onProgress?.({ phase, collection: c.name, done: i, total: mine.length });
        reports.push(await syncCollection(this.http, sink, c));
      }
      if (mine.length) onProgress?.({ phase, collection: mine[mine.length - 1]?.name ?? '', done: mine.length, total: mine.length });
      return reports;
    };
    const [calendars, contacts] = await Promise.all([lane('calendar'), lane('addressbook')]);
    return { collections: [...calendars, ...contacts] };
  }

  /** Absolute URL of a resource href (a server path) in a collection. */
  resourceUrl(collectionUrl: string, href: string): string {
    return new URL(href, collectionUrl).href;
  }

  put(kind: CollectionKind, url: string, data: string, etag: string | null): Promise<WriteResult> {
    return putResource(this.http, kind, url, data, etag);
  }

  delete(url: string, etag: string | null): Promise<WriteResult> {
    return deleteResource(this.http, url, etag);
  }

  get(url: string): Promise<{ data: string; etag: string | null } | null> {
    return getResource(this.http, url);
  }
}

export type { CollectionReport, DavSink, DavProgress, Discovery, RemoteCollection, WriteResult };
