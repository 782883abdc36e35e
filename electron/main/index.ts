/**
 * Electron main: the thin shell. It starts the engine, opens the window, hands the
 * window a port to the engine and otherwise stays out of the way (no business logic).
 */
import { app, dialog, Menu, safeStorage, session } from 'electron';
import { hostDataKey } from './data-key';
import { errorMessage } from '../../shared/i18n/errors';
import { EngineHost } from './engine';
import { buildMenu } from './menu';
import { registerOpenPdf } from './print';
import { enginePath, preloadPath, rendererDir, resolveDataDir } from './paths';
import { registerAppScheme, serveApp } from './protocol';
import { startUpdates } from './updater';
import { startShellLog } from './log';
import { hardenAllWebContents, hardenSession } from './security';
import { createMainWindow, focusMainWindow } from './window';
import { closeCitizenWindow, hasSecondDisplay, openCitizenWindow } from './citizen-window';

// All must happen before 'ready'.
registerAppScheme();
app.enableSandbox();
// Chromium's own UI in Vietnamese whatever the OS language: native date fields read dd/mm/yyyy.
app.commandLine.appendSwitch('lang', 'vi');

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', focusMainWindow);
  app.on('window-all-closed', () => app.quit());
  hardenAllWebContents();
  app.whenReady().then(start, (err: unknown) => fail('Không thể khởi động Trạm Số hóa', err));
}

async function start(): Promise<void> {
  try {
    hardenSession(session.defaultSession);
    serveApp(rendererDir);
    // The citizen screen's page reaches only the engine's citizen side (engine.ts, `side`).
    let connectCitizen: (contents: Electron.WebContents) => void = () => {};
    const openCitizenScreen = () =>
      void openCitizenWindow({ preloadPath, onLoad: (contents) => connectCitizen(contents) });
    Menu.setApplicationMenu(buildMenu({ openCitizenScreen }));
    registerOpenPdf();

    const dataDir = resolveDataDir();
    startShellLog(dataDir);
    const dataKey = await hostDataKey(app.getPath('userData'), dataDir, safeStorage);
    const updates = startUpdates();
    const engine = new EngineHost({
      modulePath: enginePath,
      dataDir,
      dataKey,
      onUpdateFeed: (feed) => updates.apply(feed),
      onFatal: (error) => fail('Không thể khởi động Trạm Số hóa', error.detail, errorMessage(error, 'vi')),
      onGone: (code) =>
        fail(
          'Trạm Số hóa đã dừng',
          `engine exited with code ${code}`,
          errorMessage({ code: 'transport_closed' }, 'vi'),
        ),
    });
    app.on('before-quit', () => {
      console.info('shell.stop');
      updates.stop();
      engine.stop();
    });
    engine.start();
    connectCitizen = (contents) => engine.connect(contents, 'citizen');
    const main = createMainWindow({ preloadPath, onLoad: (contents) => engine.connect(contents) });
    main.on('closed', closeCitizenWindow);
    // A monitor turned to the citizen: its screen opens there by itself, frameless.
    if (hasSecondDisplay()) openCitizenScreen();
  } catch (err) {
    fail('Không thể khởi động Trạm Số hóa', err);
  }
}

/** Tell the clerk in words they can act on, keep the detail for the log, and quit. */
function fail(title: string, detail: unknown, message = errorMessage({ code: 'internal' }, 'vi')): void {
  console.error(`${title}:`, detail);
  dialog.showErrorBox(title, message);
  app.quit();
}
