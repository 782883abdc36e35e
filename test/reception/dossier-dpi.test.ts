import { describe, expect, it } from 'vitest';
import { bestDossierDpi, dossierDpis } from '../../renderer/src/scan/dpi';

describe('resolutions offered when scanning a dossier', () => {
  it('drops what a scanner offers under 200 dpi', () => {
    expect(dossierDpis([75, 150, 200, 300, 600])).toEqual([200, 300, 600]);
  });

  it('falls back to the usual list when the scanner reports none at or above 200 dpi', () => {
    expect(dossierDpis([75, 150])).toEqual([200, 300, 400, 600]);
    expect(dossierDpis([])).toEqual([200, 300, 400, 600]);
    expect(dossierDpis(undefined)).toEqual([200, 300, 400, 600]);
  });

  it('keeps the wanted resolution when offered, else the lowest allowed one', () => {
    expect(bestDossierDpi([100, 300, 600], 300)).toBe(300);
    expect(bestDossierDpi([100, 150, 400, 600], 300)).toBe(400);
    expect(bestDossierDpi([100, 300], 100)).toBe(300);
  });
});
