/** The station's window: sandboxed, isolated, showing only our app:// UI. */
import { app, BrowserWindow, type WebContents } from 'electron';
import { APP_ENTRY_URL } from './app-url';

const windows = new Set<BrowserWindow>();

export interface MainWindowOptions {
  preloadPath: string;
  /** After every full load (first load and reloads): the page needs a fresh engine port. */
  onLoad(contents: WebContents): void;
}

export function createMainWindow({ preloadPath, onLoad }: MainWindowOptions): BrowserWindow {
  const win = new BrowserWindow({
    width: 1366,
    height: 860,
    minWidth: 1024,
    minHeight: 640,
    show: false,
    title: 'Trạm Số hóa',
    backgroundColor: '#ffffff',
    autoHideMenuBar: false,
    webPreferences: {
      // Written out here, not built by a helper, so Electronegativity's static review sees each switch.
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      safeDialogs: true,
      spellcheck: false,
      // No middle-click navigation (Electronegativity AUXCLICK_JS_CHECK); new windows are refused anyway.
      disableBlinkFeatures: 'Auxclick',
      devTools: !app.isPackaged,
    },
  });
  windows.add(win);
  const contents = win.webContents;
  win.once('ready-to-show', () => win.show());
  win.on('closed', () => windows.delete(win));
  contents.on('did-finish-load', () => onLoad(contents));
  void win.loadURL(APP_ENTRY_URL);
  return win;
}

/** True if `contents` belongs to one of our windows (not some other web contents). */
export function isAppWindow(contents: WebContents): boolean {
  for (const win of windows) {
    if (!win.isDestroyed() && win.webContents === contents) return true;
  }
  return false;
}

export function focusMainWindow(): void {
  const [win] = windows;
  if (!win || win.isDestroyed()) return;
  if (win.isMinimized()) win.restore();
  win.focus();
}
