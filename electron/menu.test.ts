import { describe, expect, it, vi } from 'vitest';

vi.mock('electron', () => ({ Menu: { setApplicationMenu: vi.fn(), buildFromTemplate: vi.fn((t: unknown) => t) } }));

import { menuTemplate } from './menu.js';

const roles = (template: ReturnType<typeof menuTemplate>): string[] =>
  template.flatMap((item) => [item.role ?? '', ...(Array.isArray(item.submenu) ? item.submenu.map((s) => s.role ?? '') : [])]).filter(Boolean);

describe('application menu', () => {
  it('offers developer tools and reload only in unpackaged builds', () => {
    expect(roles(menuTemplate('linux', false))).toEqual(expect.arrayContaining(['toggleDevTools', 'reload']));
    const shipped = roles(menuTemplate('win32', true));
    expect(shipped).not.toContain('toggleDevTools');
    expect(shipped).not.toContain('reload');
    expect(shipped).not.toContain('forceReload');
  });

  it('keeps editing and zoom shortcuts, and uses the app menu on macOS', () => {
    expect(roles(menuTemplate('linux', true))).toEqual(expect.arrayContaining(['fileMenu', 'editMenu', 'zoomIn', 'resetZoom']));
    expect(roles(menuTemplate('darwin', true))[0]).toBe('appMenu');
  });
});
