import type { CSSProperties } from 'react';

/** Readable from a metre away: body text 28 px, headings larger (docs/architecture.md, "Citizen screen"). */
export const BODY = 28;
export const big: CSSProperties = { fontSize: BODY, lineHeight: 1.35 };
export const title: CSSProperties = { fontSize: 40, fontWeight: 700, lineHeight: 1.2, margin: 0 };
export const subtle: CSSProperties = { ...big, color: '#4a5565' };
export const card: CSSProperties = {
  background: '#fff',
  borderRadius: 16,
  padding: 24,
  boxShadow: '0 1px 4px rgba(0,0,0,0.08)',
};
export const BLUE = '#0b3d73';
