import { useEffect, useRef } from 'react';

/** Keys closer together than this come from a machine, not a person. */
const FAST_MS = 35;
/** A pause this long ends any burst. */
const PAUSE_MS = 150;
const MIN_LENGTH = 20;

export interface ScannerBurst {
  text: string;
  /** The input the burst started in (its first keys reached it), with its value before. */
  target: HTMLInputElement | HTMLTextAreaElement | null;
  valueBefore: string;
}

/** A fast burst that has already shown it is structured data ("|"-separated), not someone typing. */
const looksScanned = (buffer: string, fast: number) =>
  fast >= 8 && buffer.includes('|') && fast >= buffer.length * 0.6;

/**
 * A 2D barcode reader in keyboard mode "types" what it reads: a fast burst of
 * keystrokes ending in Enter. This listens on the whole window before any field
 * sees the keys. Once a burst shows it is a scan (machine-speed, "|"-separated)
 * its remaining keys and the final Enter are kept from the focused field, and
 * `onBurst` gets the text; the first keys that reached a field before that are
 * reported with the field's earlier value so the caller can restore it.
 * Ordinary typing — even Playwright's machine-speed typing of words — is left alone.
 */
export function useScannerBurst(onBurst: (burst: ScannerBurst) => void): void {
  const latest = useRef(onBurst);
  useEffect(() => {
    latest.current = onBurst;
  });
  useEffect(() => {
    let buffer = '';
    let last = 0;
    let fast = 0;
    let start: Omit<ScannerBurst, 'text'> = { target: null, valueBefore: '' };
    const reset = () => {
      buffer = '';
      fast = 0;
    };
    const onKey = (e: KeyboardEvent) => {
      if (e.ctrlKey || e.altKey || e.metaKey) return;
      // When the key was pressed, not when this page got round to it: on a busy counter PC each
      // key of a burst waits for the last one's rendering, which would make a reader look human.
      const now = e.timeStamp || performance.now();
      const gap = now - last;
      last = now;
      if (e.key === 'Enter') {
        const text = buffer;
        const scanned = looksScanned(text, fast) && gap < PAUSE_MS;
        reset();
        if (scanned && text.length >= MIN_LENGTH) {
          e.preventDefault();
          e.stopPropagation();
          latest.current({ text, ...start });
        }
        return;
      }
      if (e.key.length !== 1) return;
      if (buffer && gap > PAUSE_MS) reset();
      if (!buffer) {
        const el = document.activeElement;
        const target = el instanceof HTMLInputElement || el instanceof HTMLTextAreaElement ? el : null;
        start = { target, valueBefore: target?.value ?? '' };
      } else if (gap < FAST_MS) fast++;
      buffer += e.key;
      if (looksScanned(buffer, fast)) e.preventDefault();
    };
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
  }, []);
}
