/**
 * Vietnamese text in one form (docs/architecture.md, "The contract"): a name
 * typed with a keyboard in combining-marks mode ("Nguye\u0302\u0303n"), pasted from a PDF,
 * imported from XLSX or read off a QR arrives in Unicode's decomposed form,
 * which prints with broken accents and never matches a search for the composed
 * one. Every string crossing the contract is composed (NFC) on the receiving
 * side — the engine's dispatcher for params, the client for results and events
 * — and the engine's own importers compose what they read from files.
 */

/** True when a string may change under NFC (pure ASCII never does: the quick path for base64). */
const NON_ASCII = /[^ -~\t\n\r]/;
const mayChange = (s: string) => NON_ASCII.test(s);

/** The value with every string in it (object keys too) in NFC; other values unchanged. */
export function nfcDeep<T>(value: T): T {
  return compose(value) as T;
}

function compose(v: unknown): unknown {
  if (typeof v === 'string') return mayChange(v) ? v.normalize('NFC') : v;
  if (Array.isArray(v)) return v.map(compose);
  if (v && typeof v === 'object' && Object.getPrototypeOf(v) === Object.prototype) {
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) out[compose(k) as string] = compose(x);
    return out;
  }
  return v;
}
