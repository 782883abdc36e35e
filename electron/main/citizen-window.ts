/**
 * Màn hình người dân (docs/architecture.md, "Citizen screen"): a second window for the monitor
 * turned to the citizen — on the second display, frameless and kiosk-like, when there is one;
 * otherwise an ordinary window the clerk opens from the menu. It loads the renderer's citizen
 * route, and main gives its page a port to the engine's citizen side: the engine, not the page,
 * keeps it to the citizen calls. It is not an app window for openPdf (print.ts).
 */
import { app, BrowserWindow, screen, type WebContents } from 'electron';
import { APP_ORIGIN } from './app-url';

export const CITIZEN_URL = `${APP_ORIGIN}/citizen`;

let current: BrowserWindow | null = null;

export interface CitizenWindowOptions {
  preloadPath: string;
  /** After every full load: the page needs a fresh port to the engine's citizen side. */
  onLoad(contents: WebContents): void;
}

/** The display turned to the citizen: any but the primary one; null when there is only one. */
function citizenDisplay(): Electron.Display | null {
  const primary = screen.getPrimaryDisplay();
  return screen.getAllDisplays().find((d) => d.id !== primary.id) ?? null;
}

export function hasSecondDisplay(): boolean {
  return screen.getAllDisplays().length > 1;
}

/** Opens (or brings forward) the citizen window. */
export function openCitizenWindow({ preloadPath, onLoad }: CitizenWindowOptions): BrowserWindow {
  if (current && !current.isDestroyed()) {
    current.show();
    return current;
  }
  const display = citizenDisplay();
  const placement = display
    ? { ...display.bounds, frame: false, kiosk: true, fullscreen: true, movable: false, resizable: false }
    : { width: 1280, height: 720, minWidth: 800, minHeight: 450 };
  const win = new BrowserWindow({
    ...placement,
    show: false,
    title: 'Trạm Số hóa — Màn hình người dân',
    backgroundColor: '#ffffff',
    autoHideMenuBar: true,
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
  win.setMenu(null);
  current = win;
  const contents = win.webContents;
  win.once('ready-to-show', () => win.showInactive());
  win.on('closed', () => {
    if (current === win) current = null;
  });
  contents.on('did-finish-load', () => onLoad(contents));
  void win.loadURL(CITIZEN_URL);
  return win;
}

export function closeCitizenWindow(): void {
  if (current && !current.isDestroyed()) current.close();
  current = null;
}
