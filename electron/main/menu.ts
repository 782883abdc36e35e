/** A minimal Vietnamese application menu. Developer tools only in unpackaged builds. */
import { app, dialog, Menu, type MenuItemConstructorOptions } from 'electron';

export function buildMenu(opts: { openCitizenScreen(): void }): Menu {
  const view: MenuItemConstructorOptions[] = [
    { label: 'Tải lại', role: 'reload' },
    { label: 'Mở màn hình cho người dân', click: () => opts.openCitizenScreen() },
  ];
  if (!app.isPackaged) view.push({ label: 'Công cụ phát triển', role: 'toggleDevTools' });
  return Menu.buildFromTemplate([
    { label: 'Tệp', submenu: [{ label: 'Thoát', role: 'quit' }] },
    { label: 'Xem', submenu: view },
    { label: 'Trợ giúp', submenu: [{ label: 'Giới thiệu', click: () => void showAbout() }] },
  ]);
}

async function showAbout(): Promise<void> {
  const { electron, chrome, node } = process.versions;
  await dialog.showMessageBox({
    type: 'info',
    title: 'Giới thiệu',
    message: `Trạm Số hóa (SoHoa Station) ${app.getVersion()}`,
    detail:
      'Số hóa, ký số và nộp hồ sơ giấy tại bộ phận một cửa.\n\n' +
      `Electron ${electron ?? '?'} · Chromium ${chrome ?? '?'} · Node ${node}`,
    buttons: ['Đóng'],
  });
}
