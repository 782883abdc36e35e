import type { FileUpload, StationBridge } from '../../../shared/api';

/** Reads a picked or dropped file as the contract's base64 upload. */
export function readAsUpload(file: File): Promise<FileUpload> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onerror = () => reject(reader.error ?? new Error('read failed'));
    reader.onload = () => {
      const url = typeof reader.result === 'string' ? reader.result : '';
      const comma = url.indexOf(',');
      resolve({ name: file.name, dataBase64: comma >= 0 ? url.slice(comma + 1) : '' });
    };
    reader.readAsDataURL(file);
  });
}

function base64Bytes(dataBase64: string): Uint8Array<ArrayBuffer> {
  const binary = atob(dataBase64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/** Saves base64 bytes through a temporary <a download>. */
export function downloadBase64(fileName: string, dataBase64: string, mime: string): void {
  const bytes = base64Bytes(dataBase64);
  const url = URL.createObjectURL(new Blob([bytes], { type: mime }));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.style.display = 'none';
  document.body.append(a);
  a.click();
  a.remove();
  window.setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

function shellOpenPdf(): StationBridge['openPdf'] {
  return (window as Window & { station?: StationBridge }).station?.openPdf;
}

/** True in the Electron app, where a PDF opens in the system viewer to be printed. */
export function canOpenPdf(): boolean {
  return shellOpenPdf() !== undefined;
}

/**
 * In the Electron app, hands the PDF to the shell, which opens it in the system's PDF
 * viewer where the clerk prints it; in web mode (or if no viewer could open it) downloads
 * it for the browser to open. Says which happened.
 */
export async function openOrDownloadPdf(
  fileName: string,
  dataBase64: string,
): Promise<'opened' | 'downloaded'> {
  const open = shellOpenPdf();
  if (open) {
    try {
      await open(fileName, base64Bytes(dataBase64));
      return 'opened';
    } catch (err) {
      // The detail is in main's refusal or the viewer's error; the file still reaches the clerk.
      console.warn('openPdf failed, downloading instead', err);
    }
  }
  downloadBase64(fileName, dataBase64, 'application/pdf');
  return 'downloaded';
}
