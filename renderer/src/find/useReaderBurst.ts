import { useEffect, useRef } from 'react';

/** Keys closer together than this come from a machine, not a person. */
const FAST_MS = 35;
/** A pause this long ends the burst: a reader sends all its lines at once. */
const PAUSE_MS = 150;
/** So many machine-fast keys in a row, and it is a reader, not someone typing. */
const FAST_KEYS = 8;

/** A burst that has shown itself a reader's: mostly machine-fast keys, enough of them. */
const isBurst = (length: number, fast: number) => fast >= FAST_KEYS && fast >= length * 0.6;

/**
 * A barcode reader in keyboard mode "types" what it reads, each line ending in
 * Enter: a receipt's QR holds the dossier code, then the look-up link. This
 * listens on the window before any field; once the keys show they are a reader's
 * (machine speed) they and their Enters are kept from the focused field, and after
 * the reader stops `onRead` gets every line with what the focused field held before.
 */
export function useReaderBurst(onRead: (lines: string[], valueBefore: string) => void): void {
  const latest = useRef(onRead);
  useEffect(() => {
    latest.current = onRead;
  });
  useEffect(() => {
    let lines: string[] = [];
    let line = '';
    let fast = 0;
    let last = 0;
    let before = '';
    let timer: number | undefined;
    const reset = () => {
      lines = [];
      line = '';
      fast = 0;
    };
    const finish = () => {
      const all = [...lines, line].filter((l) => l.trim());
      const read = isBurst(all.join('').length, fast);
      reset();
      if (read && all.length) latest.current(all, before);
    };
    const onKey = (e: KeyboardEvent) => {
      if (e.ctrlKey || e.altKey || e.metaKey) return;
      // When the key was pressed, not when this page got round to it (as useScannerBurst): on a
      // busy counter PC the keys wait for rendering, which would make a reader look human.
      const now = e.timeStamp || performance.now();
      const gap = now - last;
      last = now;
      if (e.key !== 'Enter' && e.key.length !== 1) return;
      if (gap > PAUSE_MS) reset();
      if (!lines.length && !line) {
        const el = document.activeElement;
        before = el instanceof HTMLInputElement ? el.value : '';
      } else if (gap < FAST_MS) fast++;
      if (e.key === 'Enter') {
        lines.push(line);
        line = '';
      } else line += e.key;
      if (isBurst(lines.join('').length + line.length, fast)) {
        e.preventDefault();
        e.stopPropagation();
      }
      window.clearTimeout(timer);
      timer = window.setTimeout(finish, PAUSE_MS);
    };
    window.addEventListener('keydown', onKey, true);
    return () => {
      window.clearTimeout(timer);
      window.removeEventListener('keydown', onKey, true);
    };
  }, []);
}
