/**
 * Preload of the main window (sandboxed, bundled into one CJS file). Exposes only
 * `window.station`: a message pipe to the engine over the MessagePort that main
 * sends on 'station-port' after each page load, and again if the engine restarts.
 */
import { contextBridge, ipcRenderer } from 'electron';
import { z } from 'zod';
import type { StationBridge } from '../../shared/api/bridge';
import { PortBridge } from './port-bridge';

// zod's JIT compiles parsers with `new Function`, which the page's CSP forbids.
z.config({ jitless: true });

const bridge = new PortBridge();

ipcRenderer.on('station-port', (event) => {
  const port = event.ports[0];
  if (!port) return;
  bridge.attach({
    post: (message) => port.postMessage(message),
    listen: (onData) => {
      // Assigning onmessage also starts the port.
      port.onmessage = (messageEvent) => onData(messageEvent.data);
    },
    close: () => port.close(),
  });
});

const station: StationBridge = {
  ...bridge.api,
  // Main checks the sender, the name, the size and the %PDF- header (electron/main/print.ts).
  openPdf: async (fileName, bytes) => {
    await ipcRenderer.invoke('station:open-pdf', fileName, bytes);
  },
};

contextBridge.exposeInMainWorld('station', station);
