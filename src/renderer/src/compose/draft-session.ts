import type { ApiClient } from '../../../shared/api/index';
import type { Draft, DraftAttachment, SendResult } from '../../../shared/api/compose';
import { Autosaver, type SaveStatus } from './autosave';

/** The fields the composer edits; each autosave sends only those that changed. */
export interface DraftFields {
  accountId: number;
  to: string[];
  cc: string[];
  bcc: string[];
  subject: string;
  html: string;
}

export const AUTOSAVE_DELAY_MS = 800;

export interface SessionSnapshot {
  status: SaveStatus;
  attachments: DraftAttachment[];
  totalBytes: number;
  sizeLimitBytes: number | null;
}

/**
 * One open draft: its current fields, its revision and the calls that change it. Every call that
 * changes the draft (save, attachment add/remove, send) goes through one queue, so the revision
 * each save is based on is always the latest one.
 */
export class DraftSession {
  readonly draftId: number;
  readonly draft: Draft;
  fields: DraftFields;
  private revision: number;
  private queue: Promise<unknown> = Promise.resolve();
  private readonly saver: Autosaver<Partial<DraftFields>>;
  private snapshot: SessionSnapshot;
  private readonly listeners = new Set<() => void>();

  constructor(private readonly api: ApiClient, draft: Draft, delayMs = AUTOSAVE_DELAY_MS) {
    this.draftId = draft.id;
    this.draft = draft;
    this.revision = draft.revision;
    this.fields = { accountId: draft.accountId, to: draft.to, cc: draft.cc, bcc: draft.bcc, subject: draft.subject, html: draft.html };
    const totalBytes = draft.attachments.reduce((n, a) => n + a.size, 0);
    this.snapshot = { status: { kind: 'clean' }, attachments: draft.attachments, totalBytes, sizeLimitBytes: null };
    this.saver = new Autosaver<Partial<DraftFields>>({
      delayMs,
      save: (changes) => this.enqueue(async () => {
        const r = await this.api.compose.saveDraft({ draftId: this.draftId, baseRevision: this.revision, ...changes });
        this.revision = r.revision;
      }),
      onStatus: (status) => this.set({ status }),
    });
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getSnapshot = (): SessionSnapshot => this.snapshot;

  private set(patch: Partial<SessionSnapshot>): void {
    this.snapshot = { ...this.snapshot, ...patch };
    for (const l of this.listeners) l();
  }

  private enqueue<T>(op: () => Promise<T>): Promise<T> {
    const run = this.queue.then(op, op);
    this.queue = run.catch(() => undefined);
    return run;
  }

  /** The user edited something: remember it now, store it a moment after typing stops. */
  update(changes: Partial<DraftFields>): void {
    const changed: Partial<DraftFields> = {};
    for (const [key, value] of Object.entries(changes) as Array<[keyof DraftFields, DraftFields[keyof DraftFields]]>) {
      if (JSON.stringify(this.fields[key]) === JSON.stringify(value)) continue;
      Object.assign(changed, { [key]: value });
    }
    if (Object.keys(changed).length === 0) return;
    this.fields = { ...this.fields, ...changed };
    this.saver.change(changed);
  }

  /** Stores everything typed so far (closing, sending, popping out). */
  flush(): Promise<void> {
    return this.saver.flush();
  }

  /**
   * After a CONFLICT (the draft was saved elsewhere, e.g. another window): keep what is on screen
   * by saving every field again on top of the stored revision.
   */
  async keepMine(): Promise<void> {
    const stored = await this.api.compose.getDraft({ draftId: this.draftId });
    this.revision = stored.revision;
    const { accountId, to, cc, bcc, subject, html } = this.fields;
    this.saver.change({ accountId, to, cc, bcc, subject, html });
    await this.flush();
  }

  get hasUnsaved(): boolean {
    return this.saver.hasPending;
  }

  async addAttachment(file: { filename: string; contentType: string; dataBase64: string }, inline = false): Promise<DraftAttachment> {
    await this.flush();
    return this.enqueue(async () => {
      const r = await this.api.compose.addAttachment({ draftId: this.draftId, ...file, inline });
      this.revision = r.revision;
      this.set({ attachments: [...this.snapshot.attachments, r.attachment], totalBytes: r.totalBytes, sizeLimitBytes: r.sizeLimitBytes });
      return r.attachment;
    });
  }

  async removeAttachment(attachmentId: number): Promise<void> {
    await this.flush();
    await this.enqueue(async () => {
      const r = await this.api.compose.removeAttachment({ draftId: this.draftId, attachmentId });
      this.revision = r.revision;
      const attachments = this.snapshot.attachments.filter((a) => a.id !== attachmentId);
      this.set({ attachments, totalBytes: attachments.reduce((n, a) => n + a.size, 0) });
    });
  }

  async send(sendAt?: number): Promise<SendResult> {
    await this.flush();
    return this.enqueue(() => this.api.compose.sendDraft({ draftId: this.draftId, sendAt }));
  }

  dispose(): void {
    this.saver.dispose();
  }
}
