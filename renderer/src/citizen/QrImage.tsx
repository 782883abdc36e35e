import QRCode from 'qrcode';
import { useEffect, useState } from 'react';

/** A QR code drawn in the page (no network), `size` pixels wide. */
export function QrImage({ text, size, testId }: { text: string; size: number; testId?: string }) {
  const [src, setSrc] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    void QRCode.toDataURL(text, { margin: 1, width: size, errorCorrectionLevel: 'M' }).then(
      (d) => live && setSrc(d),
    );
    return () => {
      live = false;
    };
  }, [text, size]);
  return (
    <div style={{ width: size, height: size, background: '#fff' }}>
      {src && <img src={src} width={size} height={size} alt="" data-testid={testId} data-qr={text} />}
    </div>
  );
}
