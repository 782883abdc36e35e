/**
 * Hardening that applies to every web contents and to the session, following the
 * Electron security checklist: no permissions, no new windows, no webviews, no
 * navigation away from our own app:// origin.
 */
import { app, type Session, type WebContents } from 'electron';
import { isAppUrl } from './app-url';

/**
 * The UI needs no browser permission (camera, notifications, clipboard read, …):
 * scanners, tokens and files are reached through the engine. Grant one here,
 * narrowly, only when a feature truly needs it.
 */
export function hardenSession(ses: Session): void {
  ses.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  ses.setPermissionCheckHandler(() => false);
  ses.setDevicePermissionHandler(() => false);
}

/** Call before any window exists: covers our windows and any contents created later. */
export function hardenAllWebContents(): void {
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents));
}

function hardenWebContents(contents: WebContents): void {
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  // 'will-frame-navigate' covers the main frame (what 'will-navigate' sees) and subframes.
  contents.on('will-frame-navigate', (event) => {
    if (!isAppUrl(event.url)) event.preventDefault();
  });
  contents.on('will-redirect', (event) => {
    if (!isAppUrl(event.url)) event.preventDefault();
  });
}
