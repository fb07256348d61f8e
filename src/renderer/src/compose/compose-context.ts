import { createContext, useContext } from 'react';
import type { Account } from '../../../shared/api/mail';
import type { ComposeMode } from '../../../shared/api/compose';
import type { DraftSession } from './draft-session';

/** The message a reply/forward shortcut acts on: set by the reading pane while a conversation is shown. */
export interface ReplyTarget {
  messageId: number;
  threadId: number;
}

export type Placement = 'inline' | 'popout';

export interface OpenComposer {
  session: DraftSession;
  placement: Placement;
  /** The conversation an inline reply sits under. */
  threadId: number | null;
  /** Why the draft came back (a failed send): shown above the fields. */
  notice: string | null;
}

export interface ComposeApi {
  accounts: Account[];
  current: OpenComposer | null;
  /** c: a new message (from the given or the first sending account). */
  compose(accountId?: number): void;
  /** r / a / f: answer or forward a message; without one, the reading pane's current message. */
  reply(mode: Exclude<ComposeMode, 'new'>, target?: ReplyTarget): boolean;
  openDraft(draftId: number): void;
  /** The conversation shown is in the server's Drafts folder: edit its newest message as a draft. */
  editServerDraft(): boolean;
  editOutbox(outboxId: number): void;
  /** Saves and closes (the draft stays in Drafts). */
  close(): void;
  setPlacement(placement: Placement): void;
  discard(): void;
  /** The reading pane says which message r/a/f mean. */
  setReplyTarget(target: ReplyTarget | null): void;
  afterSend(result: { outboxId: number; undoUntil: number; subject: string; draftId: number; scheduled: boolean }): void;
}

export const ComposeContext = createContext<ComposeApi | null>(null);

export function useCompose(): ComposeApi {
  const ctx = useContext(ComposeContext);
  if (!ctx) throw new Error('useCompose outside ComposeProvider');
  return ctx;
}

/** For components that may render without the provider (tests, other views). */
export function useOptionalCompose(): ComposeApi | null {
  return useContext(ComposeContext);
}
