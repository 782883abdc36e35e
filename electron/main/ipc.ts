/**
 * Guard for ipcMain handlers. The engine pipe is a MessagePort and needs no ipcMain
 * channel; any channel added later (printing, for one) goes through `handleTrusted`,
 * which answers only the main frame of one of our windows showing our own UI.
 */
import { ipcMain, type IpcMainEvent, type IpcMainInvokeEvent } from 'electron';
import { APP_ORIGIN } from './app-url';
import { isAppWindow } from './window';

export function isTrustedSender(event: IpcMainEvent | IpcMainInvokeEvent): boolean {
  const frame = event.senderFrame;
  if (!frame || frame.parent !== null) return false;
  const main = event.sender.mainFrame;
  if (frame.processId !== main.processId || frame.routingId !== main.routingId) return false;
  return isAppWindow(event.sender) && frame.url.startsWith(`${APP_ORIGIN}/`);
}

export function handleTrusted<Result>(
  channel: string,
  handler: (event: IpcMainInvokeEvent, ...args: unknown[]) => Result | Promise<Result>,
): void {
  ipcMain.handle(channel, (event, ...args: unknown[]) => {
    if (!isTrustedSender(event)) throw new Error(`refused ${channel} from an untrusted sender`);
    return handler(event, ...args);
  });
}
