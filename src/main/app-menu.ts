import type { MenuItemConstructorOptions } from 'electron';

/**
 * The application menu as data: the standard roles, so copy/paste/undo shortcuts work in the
 * page (on macOS they only work through an Edit menu) and every platform gets its usual layout.
 */
export function applicationMenuTemplate(platform: NodeJS.Platform, productName = 'PMSync'): MenuItemConstructorOptions[] {
  const template: MenuItemConstructorOptions[] = [];
  if (platform === 'darwin') template.push({ role: 'appMenu', label: productName });
  template.push({ role: 'fileMenu' }, { role: 'editMenu' }, { role: 'viewMenu' }, { role: 'windowMenu' });
  template.push({ role: 'help', submenu: [{ role: 'about' }] });
  return template;
}
