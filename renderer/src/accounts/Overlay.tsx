import { type ReactNode, useEffect, useRef } from 'react';

/**
 * Full screen, over the app (which stays mounted underneath, inert): keys typed
 * here never reach the app's own shortcuts (Ctrl+Enter, F8, Alt+1…).
 */
export function Overlay({ children, testId }: { children: ReactNode; testId?: string }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const guard = (e: KeyboardEvent) => {
      if (ref.current && !ref.current.contains(e.target as Node)) {
        e.stopPropagation();
        if (e.key !== 'Tab') e.preventDefault();
      }
    };
    window.addEventListener('keydown', guard, true);
    return () => window.removeEventListener('keydown', guard, true);
  }, []);
  return (
    <div
      ref={ref}
      data-testid={testId}
      role="dialog"
      aria-modal="true"
      onKeyDown={(e) => e.stopPropagation()}
      style={{
        position: 'fixed',
        inset: 0,
        zIndex: 2000,
        display: 'flex',
        alignItems: 'center',
        justifyContent: 'center',
        padding: 24,
        overflow: 'auto',
        background: 'rgba(11, 61, 115, 0.94)',
        backdropFilter: 'blur(8px)',
      }}
    >
      {children}
    </div>
  );
}

/** The same backdrop as a page of its own (before the app is opened). */
export function Page({ children }: { children: ReactNode }) {
  return (
    <div
      style={{
        minHeight: '100vh',
        boxSizing: 'border-box',
        display: 'flex',
        alignItems: 'center',
        justifyContent: 'center',
        padding: 24,
        background: 'linear-gradient(160deg, #0b3d73 0%, #0b5cad 100%)',
      }}
    >
      {children}
    </div>
  );
}
