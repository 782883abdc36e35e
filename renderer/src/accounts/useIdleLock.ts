import { useEffect, useRef } from 'react';

const ACTIVITY = ['keydown', 'pointerdown', 'pointermove', 'wheel'] as const;

/**
 * Calls `onIdle` once `minutes` pass without a key or the pointer (0: never).
 * Plain setTimeout and Date, so a test's fake clock can drive it.
 */
export function useIdleLock(minutes: number, onIdle: () => void): void {
  const latest = useRef(onIdle);
  useEffect(() => {
    latest.current = onIdle;
  });
  useEffect(() => {
    if (minutes <= 0) return;
    const ms = minutes * 60_000;
    let last = Date.now();
    let timer: ReturnType<typeof setTimeout>;
    const check = (): void => {
      const left = last + ms - Date.now();
      if (left <= 0) latest.current();
      else timer = setTimeout(check, left);
    };
    const activity = (): void => {
      last = Date.now();
    };
    timer = setTimeout(check, ms);
    for (const e of ACTIVITY) window.addEventListener(e, activity, { capture: true, passive: true });
    return () => {
      clearTimeout(timer);
      for (const e of ACTIVITY) window.removeEventListener(e, activity, { capture: true });
    };
  }, [minutes]);
}
