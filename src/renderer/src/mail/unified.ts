import type { Folder } from '../../../shared/api/mail';

/** The sidebar's "All Inboxes" entry is addressed like a folder with this id (never a real one). */
export const ALL_INBOXES = -1;

export function isAllInboxes(folderId: number | null): boolean {
  return folderId === ALL_INBOXES;
}

/** Unread mail across every account's Inbox: the window title count. */
export function inboxUnread(folders: Folder[]): number {
  return folders.filter((f) => f.role === 'inbox').reduce((sum, f) => sum + f.unreadCount, 0);
}
