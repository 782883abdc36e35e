import { Unzip, UnzipInflate } from 'fflate';

/** What an XLSX catalogue may expand to: a province's whole catalogue is a few megabytes. */
export const MAX_XLSX_EXPANDED = 100 * 1024 * 1024;
const MAX_ENTRIES = 1000;
/** Compressed bytes fed at a time: one step expands to at most ~4 MB (deflate tops out near 1000:1). */
const STEP = 4 * 1024;

/**
 * Why a ZIP (an XLSX) must not be opened, or null: more than MAX_XLSX_EXPANDED once
 * inflated (a zip bomb), more entries than a workbook has, or not readable as a ZIP.
 * The entries are inflated as a stream and thrown away, counted, and the count stops
 * at the bound, so a bomb costs a few megabytes, never what it would expand to.
 * ExcelJS (JSZip) inflates every entry whole in memory, so it only ever sees a file
 * that passed here.
 */
export function zipRefusal(bytes: Uint8Array): string | null {
  let total = 0;
  let entries = 0;
  let why: string | null = null;
  const uz = new Unzip((file) => {
    if (why) return;
    if (++entries > MAX_ENTRIES) {
      why = `more than ${MAX_ENTRIES} entries`;
      return;
    }
    file.ondata = (err, chunk) => {
      if (err) why ??= `entry ${file.name}: ${err.message}`;
      total += chunk?.length ?? 0;
      if (total > MAX_XLSX_EXPANDED) why ??= `expands to more than ${MAX_XLSX_EXPANDED / 1048576} MB`;
    };
    try {
      file.start();
    } catch (err) {
      why ??= `entry ${file.name}: ${String(err)}`;
    }
  });
  uz.register(UnzipInflate);
  try {
    for (let at = 0; at < bytes.length && !why; at += STEP)
      uz.push(bytes.subarray(at, at + STEP), at + STEP >= bytes.length);
  } catch (err) {
    why ??= `not a readable ZIP: ${String(err)}`;
  }
  if (!why && entries === 0) why = 'no entries';
  return why;
}
