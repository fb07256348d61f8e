import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Folder } from '../../shared/api/mail';
import { findFolder } from './find-folder';
import { defaultProfileDir } from './profile-dir';

describe('defaultProfileDir', () => {
  it('prefers $PMSYNC_PROFILE, then the platform data folder', () => {
    expect(defaultProfileDir({ PMSYNC_PROFILE: '/data/mine' }, 'linux', '/home/u')).toBe(path.resolve('/data/mine'));
    expect(defaultProfileDir({ XDG_DATA_HOME: '/xdg' }, 'linux', '/home/u')).toBe('/xdg/pmsync');
    expect(defaultProfileDir({ XDG_DATA_HOME: 'relative/ignored' }, 'linux', '/home/u')).toBe('/home/u/.local/share/pmsync');
    expect(defaultProfileDir({}, 'darwin', '/Users/u')).toBe('/Users/u/Library/Application Support/PMSync');
    expect(defaultProfileDir({ APPDATA: 'C:/Users/u/AppData/Roaming' }, 'win32', 'C:/Users/u')).toBe(path.join('C:/Users/u/AppData/Roaming', 'PMSync'));
  });
});

const folder = (id: number, accountId: number, p: string, role: Folder['role'] = null): Folder => ({ id, accountId, name: p, path: p, role, unreadCount: 0, totalCount: 0 });

describe('findFolder', () => {
  const folders = [folder(1, 1, 'Inbox', 'inbox'), folder(2, 1, 'Work'), folder(3, 1, 'work'), folder(4, 1, 'Sent Items', 'sent'), folder(5, 2, 'INBOX', 'inbox')];

  it('matches by id, exact path, case-insensitive path, then role', () => {
    expect(findFolder(folders, '4').id).toBe(4);
    expect(findFolder(folders, 'Work').id).toBe(2);
    expect(findFolder(folders, 'work').id).toBe(3);
    expect(findFolder(folders, 'sent').id).toBe(4);
    expect(findFolder(folders, 'Inbox').id).toBe(1);
  });

  it('asks for an id when a name is ambiguous, and says when nothing matches', () => {
    expect(() => findFolder(folders, 'inbox')).toThrow(/2 folders/);
    expect(() => findFolder(folders, 'Nowhere')).toThrow(/No folder named "Nowhere"/);
  });
});
