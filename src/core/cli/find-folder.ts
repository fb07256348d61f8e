import type { Folder } from '../../shared/api/mail';
import { PmsyncError } from '../../shared/errors';

/**
 * Resolves what a person types after --folder: an id, a path ("Archive/2024"), or a role name
 * ("inbox", "Sent"). Exact path wins over case-insensitive path, which wins over role.
 */
export function findFolder(folders: Folder[], wanted: string): Folder {
  const lower = wanted.toLowerCase();
  const byRule = [
    (f: Folder) => /^\d+$/.test(wanted) && f.id === Number(wanted),
    (f: Folder) => f.path === wanted,
    (f: Folder) => f.path.toLowerCase() === lower,
    (f: Folder) => f.role === lower,
  ];
  for (const rule of byRule) {
    const matches = folders.filter(rule);
    if (matches.length === 1) return matches[0];
    if (matches.length > 1) {
      throw new PmsyncError('INVALID_INPUT', `"${wanted}" names ${matches.length} folders (one per account).`, `Use a folder id instead: ${matches.map((f) => f.id).join(', ')} (see \`pmsync folders\`).`);
    }
  }
  throw new PmsyncError('NOT_FOUND', `No folder named "${wanted}".`, 'Run `pmsync folders` to see the folders of this profile.');
}
