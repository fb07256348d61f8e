import { messageIdOf } from './raw-message';
import {
  UidValidityMismatchError,
  type ApplyResult, type FetchedBody, type FolderChanges, type FolderCursor, type ImapSyncSink,
  type LocalMessageState, type RemoteFolder,
} from './sink';

export interface StoredMessage {
  uid: number;
  flags: string[];
  internalDate: number;
  size: number;
  modseq: bigint | null;
  raw: Buffer;
  headersOnly: boolean;
  messageId: string | null;
  /** Increments each time the message is re-mapped to a new UID after a UIDVALIDITY change. */
  remapped: number;
}

interface FolderData {
  cursor: FolderCursor | undefined;
  messages: Map<number, StoredMessage>;
  quarantined: Map<number, string>;
  /** Messages whose UID became meaningless (UIDVALIDITY change), waiting to be re-mapped. */
  orphans: Map<string, StoredMessage>;
}

export interface MemorySinkOptions {
  /**
   * Plays the role of the core's MIME parser: returns why a full source cannot be stored, or
   * null. Refused messages are quarantined, as the store would do.
   */
  refuse?: (raw: Buffer) => string | null;
}

/** A complete, in-memory `ImapSyncSink` with the same contract as the store's one. */
export class MemorySink implements ImapSyncSink {
  private folderList: RemoteFolder[] = [];
  private readonly data = new Map<string, FolderData>();
  private readonly refuse: (raw: Buffer) => string | null;
  /** Every committed batch, for tests that check what was written when. */
  readonly commits: { path: string; added: number; flagChanges: number; vanished: number; cursor: FolderCursor }[] = [];

  constructor(options: MemorySinkOptions = {}) {
    this.refuse = options.refuse ?? (() => null);
  }

  applyFolders(folders: RemoteFolder[]): void {
    this.folderList = folders.map((f) => ({ ...f }));
    const keep = new Set(folders.map((f) => f.path));
    for (const path of this.data.keys()) if (!keep.has(path)) this.data.delete(path);
  }

  folderState(path: string): FolderCursor | undefined {
    const cursor = this.data.get(path)?.cursor;
    return cursor ? { ...cursor } : undefined;
  }

  localUids(path: string): Map<number, LocalMessageState> {
    const folder = this.data.get(path);
    const out = new Map<number, LocalMessageState>();
    if (!folder) return out;
    for (const m of folder.messages.values()) {
      out.set(m.uid, { flags: [...m.flags], modseq: m.modseq, headersOnly: m.headersOnly, quarantined: false });
    }
    for (const uid of folder.quarantined.keys()) out.set(uid, { flags: [], modseq: null, headersOnly: false, quarantined: true });
    return out;
  }

  applyChanges(path: string, changes: FolderChanges): ApplyResult {
    const folder = this.folder(path);
    this.checkUidValidity(path, folder, changes.cursor.uidValidity);
    // Validate everything before mutating anything: one batch is one transaction.
    const refusals = new Map<number, string>();
    for (const m of changes.added) {
      const reason = m.headersOnly ? null : this.refuse(m.raw);
      if (reason) refusals.set(m.uid, reason);
    }
    for (const uid of changes.vanished) {
      folder.messages.delete(uid);
      folder.quarantined.delete(uid);
    }
    for (const change of changes.flagChanges) {
      const m = folder.messages.get(change.uid);
      if (m) {
        m.flags = [...change.flags];
        m.modseq = change.modseq;
      }
    }
    for (const added of changes.added) {
      const reason = refusals.get(added.uid);
      if (reason) {
        folder.messages.delete(added.uid);
        folder.quarantined.set(added.uid, reason);
        continue;
      }
      const messageId = messageIdOf(added.raw);
      const orphan = messageId ? folder.orphans.get(messageId) : undefined;
      const previous = folder.messages.get(added.uid) ?? orphan;
      const fromOrphan = orphan !== undefined && previous === orphan;
      if (fromOrphan && messageId) folder.orphans.delete(messageId);
      const keepBody = previous && !previous.headersOnly && added.headersOnly && previous.messageId === messageId;
      folder.messages.set(added.uid, {
        uid: added.uid,
        flags: [...added.flags],
        internalDate: added.internalDate,
        size: added.size,
        modseq: added.modseq,
        raw: keepBody ? previous.raw : added.raw,
        headersOnly: keepBody ? false : added.headersOnly,
        messageId,
        remapped: fromOrphan ? orphan.remapped + 1 : previous?.remapped ?? 0,
      });
    }
    if (changes.cursor.uidNext !== null) folder.orphans.clear();
    folder.cursor = { ...changes.cursor };
    this.commits.push({
      path, added: changes.added.length, flagChanges: changes.flagChanges.length,
      vanished: changes.vanished.length, cursor: { ...changes.cursor },
    });
    return { quarantined: [...refusals].map(([uid, reason]) => ({ uid, reason })) };
  }

  pendingBodies(path: string, options: { limit: number; maxSize: number }): number[] {
    const folder = this.data.get(path);
    if (!folder) return [];
    return [...folder.messages.values()]
      .filter((m) => m.headersOnly && m.size <= options.maxSize)
      .map((m) => m.uid)
      .sort((a, b) => b - a)
      .slice(0, options.limit);
  }

  applyBodies(path: string, uidValidity: bigint, bodies: FetchedBody[]): ApplyResult {
    const folder = this.folder(path);
    this.checkUidValidity(path, folder, uidValidity);
    const quarantined: ApplyResult['quarantined'] = [];
    for (const body of bodies) {
      const m = folder.messages.get(body.uid);
      if (!m) continue;
      const reason = this.refuse(body.raw);
      if (reason) {
        folder.messages.delete(body.uid);
        folder.quarantined.set(body.uid, reason);
        quarantined.push({ uid: body.uid, reason });
        continue;
      }
      m.raw = body.raw;
      m.headersOnly = false;
    }
    return { quarantined };
  }

  resetFolder(path: string, uidValidity: bigint): void {
    const folder = this.folder(path);
    for (const m of folder.messages.values()) if (m.messageId) folder.orphans.set(m.messageId, m);
    folder.messages.clear();
    folder.quarantined.clear();
    folder.cursor = { uidValidity, highestModseq: null, uidNext: null };
  }

  quarantine(path: string, uidValidity: bigint, uid: number, reason: string): void {
    const folder = this.folder(path);
    this.checkUidValidity(path, folder, uidValidity);
    folder.messages.delete(uid);
    folder.quarantined.set(uid, reason);
  }

  // --- reading, for tests and the benchmark ---

  folders(): RemoteFolder[] {
    return this.folderList.map((f) => ({ ...f }));
  }

  messages(path: string): StoredMessage[] {
    return [...(this.data.get(path)?.messages.values() ?? [])].sort((a, b) => a.uid - b.uid);
  }

  quarantined(path: string): { uid: number; reason: string }[] {
    return [...(this.data.get(path)?.quarantined ?? [])].map(([uid, reason]) => ({ uid, reason }));
  }

  private folder(path: string): FolderData {
    let folder = this.data.get(path);
    if (!folder) {
      folder = { cursor: undefined, messages: new Map(), quarantined: new Map(), orphans: new Map() };
      this.data.set(path, folder);
    }
    return folder;
  }

  private checkUidValidity(path: string, folder: FolderData, uidValidity: bigint): void {
    if (folder.cursor && folder.cursor.uidValidity !== uidValidity) {
      throw new UidValidityMismatchError(path, folder.cursor.uidValidity, uidValidity);
    }
  }
}
