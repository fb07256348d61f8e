import { parseMessage } from '../../mail/parse-message';
import type { ParsedMessage } from '../../mail/types';
import type { BatchOutcome, ImapSyncStore, IncomingMessage } from '../../store/imap-sync-store';
import type {
  AddedMessage, ApplyResult, FetchedBody, FolderChanges, FolderCursor, ImapSyncSink, LocalMessageState, RemoteFolder,
} from '../../../sync/imap/sink';

export type ParseRaw = (raw: Buffer) => Promise<ParsedMessage>;

export interface ImapStoreSinkOptions {
  accountId: number;
  store: ImapSyncStore;
  /** parseMessage in this thread by default; the core may hand in its worker pool. */
  parse?: ParseRaw;
  /** After every committed batch that changed something a view shows. */
  onApplied?: (path: string, outcome: BatchOutcome) => void;
  /** After the folder list was applied (folders gone on the server removed). */
  onFolders?: (removedFolderIds: number[]) => void;
}

/**
 * The engine's sink over the encrypted store: parses raw sources with the core's MIME parser
 * (outside the transaction, it is async), then writes each batch with its cursor in one
 * store transaction. A source the parser rejects is stored as quarantined, never thrown.
 */
export class ImapStoreSink implements ImapSyncSink {
  private readonly parse: ParseRaw;

  constructor(private readonly o: ImapStoreSinkOptions) {
    this.parse = o.parse ?? parseMessage;
  }

  applyFolders(folders: RemoteFolder[]): void {
    const { changedFolderIds } = this.o.store.applyFolders(this.o.accountId, folders.map((f) => ({
      path: f.path, delimiter: f.delimiter, role: f.role, subscribed: f.subscribed, selectable: f.selectable,
    })));
    if (changedFolderIds.length > 0) this.o.onFolders?.(changedFolderIds);
  }

  folderState(path: string): FolderCursor | undefined {
    return this.o.store.folderCursor(this.o.accountId, path);
  }

  localUids(path: string): ReadonlyMap<number, LocalMessageState> {
    return this.o.store.localUids(this.o.accountId, path);
  }

  async applyChanges(path: string, changes: FolderChanges): Promise<ApplyResult> {
    const added = await Promise.all(changes.added.map((m) => this.incoming(m)));
    const outcome = this.o.store.applyBatch(this.o.accountId, path, {
      added, flagChanges: changes.flagChanges, vanished: changes.vanished, cursor: changes.cursor,
    });
    if (outcome.changed) this.o.onApplied?.(path, outcome);
    return { quarantined: outcome.quarantined };
  }

  pendingBodies(path: string, options: { limit: number; maxSize: number }): number[] {
    return this.o.store.pendingBodies(this.o.accountId, path, options.limit, options.maxSize);
  }

  async applyBodies(path: string, uidValidity: bigint, bodies: FetchedBody[]): Promise<ApplyResult> {
    const parsed = await Promise.all(bodies.map((b) => this.incoming({ uid: b.uid, flags: [], internalDate: 0, size: b.raw.length, modseq: null, raw: b.raw, headersOnly: false })));
    const outcome = this.o.store.applyBodies(this.o.accountId, path, uidValidity, parsed);
    if (outcome.changed) this.o.onApplied?.(path, outcome);
    return { quarantined: outcome.quarantined };
  }

  resetFolder(path: string, uidValidity: bigint): void {
    this.o.store.resetFolder(this.o.accountId, path, uidValidity);
  }

  quarantine(path: string, uidValidity: bigint, uid: number, reason: string): void {
    this.o.store.quarantine(this.o.accountId, path, uidValidity, uid, reason, null);
  }

  private async incoming(m: AddedMessage): Promise<IncomingMessage> {
    const base = { uid: m.uid, flags: m.flags, modseq: m.modseq, size: m.size, headersOnly: m.headersOnly };
    try {
      const parsed = await this.parse(m.raw);
      // A header-only row keeps the server's Date fallback: INTERNALDATE beats "now" when the header is bad.
      if (parsed.warnings.some((w) => w.includes('Date header')) && m.internalDate > 0) parsed.date = m.internalDate;
      return { ...base, parsed };
    } catch (err) {
      return { ...base, parsed: { failure: `The message could not be read: ${err instanceof Error ? err.message : String(err)}`, raw: m.raw } };
    }
  }
}
