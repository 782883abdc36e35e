import { afterAll, beforeAll } from 'vitest';
import { makeTestPki, startTsa, type TestPki, type TestTsa } from './fixture';

/**
 * The test PKI (SoftHSM token, CA) and its TSA for one test file: made before its tests,
 * removed after them. `softhsmEnv` points this process's PKCS#11 module at the token too
 * (for an in-process token worker); a CLI test passes `pki.env` to its child instead.
 */
export function useTestPki(opts: { softhsmEnv: boolean }): { readonly pki: TestPki; readonly tsa: TestTsa } {
  let pki: TestPki | undefined;
  let tsa: TestTsa | undefined;
  beforeAll(async () => {
    pki = makeTestPki();
    if (opts.softhsmEnv) process.env.SOFTHSM2_CONF = pki.env.SOFTHSM2_CONF;
    tsa = await startTsa(pki);
  });
  afterAll(async () => {
    await tsa?.close();
    pki?.cleanup();
  });
  return {
    get pki() {
      if (!pki) throw new Error('the test PKI is made in beforeAll');
      return pki;
    },
    get tsa() {
      if (!tsa) throw new Error('the test TSA is started in beforeAll');
      return tsa;
    },
  };
}
