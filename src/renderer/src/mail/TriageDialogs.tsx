import { useMemo } from 'react';
import type { Folder } from '../../../shared/api/mail';
import { ConfirmDialog } from '../app/ConfirmDialog';
import { roleIcon } from '../app/Icon';
import { CommandPalette, type Command } from '../palette/CommandPalette';
import type { ActionTarget } from './useMailActions';

interface Props {
  /** Conversations waiting for a destination ("Move to…", `v`), or null. */
  picker: ActionTarget[] | null;
  folders: Folder[];
  onMove(targets: ActionTarget[], to: Folder): void;
  onClosePicker(): void;
  /** Conversations in Trash waiting for "Delete forever?", or null. */
  confirmForever: ActionTarget[] | null;
  onCancelForever(): void;
  onDeleteForever(targets: ActionTarget[]): void;
}

/** The folder picker (same account as the conversations) and the delete-forever question. */
export function TriageDialogs({ picker, folders, onMove, onClosePicker, confirmForever, onCancelForever, onDeleteForever }: Props) {
  const commands = useMemo<Command[]>(() => {
    if (!picker) return [];
    const folderById = new Map(folders.map((f) => [f.id, f]));
    const accountIds = new Set(picker.map((t) => folderById.get(t.folderId)?.accountId));
    const from = new Set(picker.map((t) => t.folderId));
    return folders
      .filter((f) => accountIds.has(f.accountId) && !(from.size === 1 && from.has(f.id)))
      .map((f) => ({ id: `move-${f.id}`, label: f.path, icon: roleIcon(f.role), run: () => onMove(picker, f) }));
  }, [picker, folders, onMove]);

  return (
    <>
      {picker && <CommandPalette label="Move to folder" placeholder="Move to… (type a folder name)" commands={commands} onClose={onClosePicker} />}
      {confirmForever && (
        <ConfirmDialog
          title="Delete forever?"
          body={`${confirmForever.length === 1 ? 'This conversation' : `These ${confirmForever.length} conversations`} will be deleted from the server for good. This cannot be undone.`}
          confirmLabel="Delete forever"
          danger
          onCancel={onCancelForever}
          onConfirm={() => onDeleteForever(confirmForever)}
        />
      )}
    </>
  );
}
