/** The lowest resolution a dossier's pages may be scanned at (legible OCR and archive copy). */
export const MIN_DOSSIER_DPI = 200;

const DEFAULT_DPIS = [200, 300, 400, 600];

/**
 * The resolutions offered for a dossier: the device's own list without those under 200 dpi.
 * A device that reports none (or only lower ones) gets the default list.
 */
export function dossierDpis(resolutions: readonly number[] | undefined): number[] {
  const allowed = (resolutions ?? []).filter((d) => d >= MIN_DOSSIER_DPI);
  return allowed.length ? [...allowed].sort((a, b) => a - b) : DEFAULT_DPIS;
}

/** The wanted resolution if offered, else the lowest offered one (never under 200 dpi). */
export function bestDossierDpi(resolutions: readonly number[] | undefined, wanted: number): number {
  const list = dossierDpis(resolutions);
  return list.includes(wanted) ? wanted : (list[0] ?? MIN_DOSSIER_DPI);
}
