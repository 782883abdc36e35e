/**
 * The PKCS#11 worker: every token call blocks (a USB token can take a second
 * to sign), so they all run here, one at a time, never on the engine's loop.
 * The PIN arrives with `open`, goes to C_Login, and is not kept.
 */
import { parentPort } from 'node:worker_threads';
import pkcs11js from 'pkcs11js';
import type {
  PinState,
  TokenCert,
  TokenFailure,
  TokenReply,
  TokenRequest,
  TokenSlot,
} from './token-protocol';

interface Loaded {
  lib: pkcs11js.PKCS11;
  path: string;
}

let loaded: Loaded | null = null;
/** Open, logged-in sessions by our own number: each batch signs with its own key, whatever else is open. */
const sessions = new Map<number, { lib: pkcs11js.PKCS11; handle: Buffer; key: Buffer }>();
let nextSession = 1;

class Failure extends Error {
  constructor(
    readonly failure: TokenFailure,
    detail: string,
    readonly pin?: PinState,
  ) {
    super(detail);
  }
}

function load(modulePath: string): pkcs11js.PKCS11 {
  if (loaded?.path === modulePath) return loaded.lib;
  closeAll();
  const lib = new pkcs11js.PKCS11();
  try {
    lib.load(modulePath);
    lib.C_Initialize();
  } catch (err) {
    throw new Failure('module_load_failed', `${modulePath}: ${(err as Error).message}`);
  }
  loaded = { lib, path: modulePath };
  return lib;
}

function closeAll(): void {
  for (const id of [...sessions.keys()]) closeSession(id);
  if (loaded) {
    try {
      loaded.lib.C_Finalize();
    } catch {
      // already finalized
    }
    loaded = null;
  }
}

function closeSession(id: number): void {
  const session = sessions.get(id);
  if (!session) return;
  const { lib, handle } = session;
  sessions.delete(id);
  // Login state is per token: log out only when no other session of ours still needs it.
  if ([...sessions.values()].some((s) => s.lib === lib)) {
    try {
      lib.C_CloseSession(handle);
    } catch {
      // token removed
    }
    return;
  }
  try {
    lib.C_Logout(handle);
  } catch {
    // not logged in
  }
  try {
    lib.C_CloseSession(handle);
  } catch {
    // token removed
  }
}

const trim = (s: string) => s.replace(/\0/g, '').trim();

function pinState(flags: number): PinState {
  return {
    countLow: !!(flags & pkcs11js.CKF_USER_PIN_COUNT_LOW),
    finalTry: !!(flags & pkcs11js.CKF_USER_PIN_FINAL_TRY),
    locked: !!(flags & pkcs11js.CKF_USER_PIN_LOCKED),
  };
}

function findAll(lib: pkcs11js.PKCS11, s: Buffer, template: pkcs11js.Template): Buffer[] {
  lib.C_FindObjectsInit(s, template);
  try {
    return lib.C_FindObjects(s, 100);
  } finally {
    lib.C_FindObjectsFinal(s);
  }
}

function attr(lib: pkcs11js.PKCS11, s: Buffer, h: Buffer, type: number): Buffer {
  const v = lib.C_GetAttributeValue(s, h, [{ type }])[0]?.value;
  return Buffer.isBuffer(v) ? v : Buffer.alloc(0);
}

function describe(lib: pkcs11js.PKCS11, slot: Buffer, slotIndex: number, s: Buffer | null): TokenSlot {
  const info = lib.C_GetTokenInfo(slot);
  const slotInfo = lib.C_GetSlotInfo(slot);
  const certificates: TokenCert[] = [];
  const own = s ?? lib.C_OpenSession(slot, pkcs11js.CKF_SERIAL_SESSION);
  try {
    const keyIds = new Set(
      findAll(lib, own, [{ type: pkcs11js.CKA_CLASS, value: pkcs11js.CKO_PRIVATE_KEY }]).map((k) =>
        attr(lib, own, k, pkcs11js.CKA_ID).toString('hex'),
      ),
    );
    for (const h of findAll(lib, own, [
      { type: pkcs11js.CKA_CLASS, value: pkcs11js.CKO_CERTIFICATE },
      { type: pkcs11js.CKA_CERTIFICATE_TYPE, value: pkcs11js.CKC_X_509 },
    ])) {
      const keyId = attr(lib, own, h, pkcs11js.CKA_ID).toString('hex');
      certificates.push({
        keyId,
        label: attr(lib, own, h, pkcs11js.CKA_LABEL).toString('utf8'),
        der: new Uint8Array(attr(lib, own, h, pkcs11js.CKA_VALUE)),
        // Private keys are often visible only after login; unknown counts as present.
        hasPrivateKey: keyIds.size === 0 || keyIds.has(keyId),
      });
    }
  } finally {
    if (!s) lib.C_CloseSession(own);
  }
  return {
    slotIndex,
    slotDescription: trim(slotInfo.slotDescription),
    tokenLabel: trim(info.label),
    manufacturer: trim(info.manufacturerID),
    model: trim(info.model),
    serial: trim(info.serialNumber),
    flags: info.flags,
    certificates,
  };
}

function list(modulePath: string): TokenSlot[] {
  const lib = load(modulePath);
  return lib
    .C_GetSlotList(true)
    .map((slot, i) => ({ slot, i }))
    .filter(({ slot }) => initialized(lib, slot))
    .map(({ slot, i }) => describe(lib, slot, i, null));
}

/** SoftHSM and some CA drivers show an empty, uninitialised token in a spare slot: skip it. */
function initialized(lib: pkcs11js.PKCS11, slot: Buffer): boolean {
  return !!(lib.C_GetTokenInfo(slot).flags & pkcs11js.CKF_TOKEN_INITIALIZED);
}

function open(
  req: Extract<TokenRequest, { op: 'open' }>,
): NonNullable<Extract<TokenReply, { ok: true }>['opened']> {
  const lib = load(req.modulePath);
  const slots = lib.C_GetSlotList(true);
  const index = slots.findIndex((slot) => {
    if (!initialized(lib, slot)) return false;
    const info = lib.C_GetTokenInfo(slot);
    if (req.tokenSerial && trim(info.serialNumber) !== req.tokenSerial) return false;
    if (req.tokenLabel && trim(info.label) !== req.tokenLabel) return false;
    return true;
  });
  if (index < 0) throw new Failure('token_not_found', `no token ${req.tokenLabel ?? req.tokenSerial ?? ''}`);
  const slot = slots[index];
  if (!slot) throw new Failure('token_not_found', 'slot vanished');
  const before = lib.C_GetTokenInfo(slot).flags;
  if (before & pkcs11js.CKF_USER_PIN_LOCKED)
    throw new Failure('pin_locked', 'user PIN locked', pinState(before));
  const handle = lib.C_OpenSession(slot, pkcs11js.CKF_SERIAL_SESSION);
  try {
    lib.C_Login(handle, pkcs11js.CKU_USER, req.pin);
  } catch (err) {
    const code = (err as { code?: number }).code;
    // Login is per application: another session of ours being logged in is fine.
    if (code !== pkcs11js.CKR_USER_ALREADY_LOGGED_IN) {
      lib.C_CloseSession(handle);
      const state = pinState(lib.C_GetTokenInfo(slot).flags);
      if (code === pkcs11js.CKR_PIN_INCORRECT) throw new Failure('pin_incorrect', 'wrong PIN', state);
      else if (code === pkcs11js.CKR_PIN_LOCKED) throw new Failure('pin_locked', 'user PIN locked', state);
      else if (code === pkcs11js.CKR_PIN_LEN_RANGE || code === pkcs11js.CKR_PIN_INVALID)
        throw new Failure('pin_invalid', 'PIN length or characters refused', state);
      throw new Failure('device_error', `C_Login: ${(err as Error).message}`);
    }
  }
  const tokenSlot = describe(lib, slot, index, handle);
  const usable = tokenSlot.certificates.filter((c) =>
    req.keyId ? c.keyId === req.keyId.toLowerCase() : true,
  );
  const keys = findAll(lib, handle, [{ type: pkcs11js.CKA_CLASS, value: pkcs11js.CKO_PRIVATE_KEY }]);
  for (const cert of usable) {
    const key = keys.find((k) => attr(lib, handle, k, pkcs11js.CKA_ID).toString('hex') === cert.keyId);
    if (!key) continue;
    const id = nextSession++;
    sessions.set(id, { lib, handle, key });
    return { session: id, slot: tokenSlot, keyId: cert.keyId, certDer: cert.der };
  }
  try {
    lib.C_Logout(handle);
  } finally {
    lib.C_CloseSession(handle);
  }
  throw new Failure(
    'key_not_found',
    `no private key with a certificate${req.keyId ? ` for id ${req.keyId}` : ''}`,
  );
}

function sign(req: Extract<TokenRequest, { op: 'sign' }>): { signature: Uint8Array; signMs: number } {
  const session = sessions.get(req.session);
  if (!session) throw new Failure('not_logged_in', 'no open session');
  const { lib, handle, key } = session;
  const mechanism = req.mechanism === 'ecdsa' ? pkcs11js.CKM_ECDSA : pkcs11js.CKM_SHA256_RSA_PKCS;
  const t0 = performance.now();
  try {
    lib.C_SignInit(handle, { mechanism }, key);
    const out = lib.C_Sign(handle, Buffer.from(req.data), Buffer.alloc(1024));
    return { signature: new Uint8Array(out), signMs: performance.now() - t0 };
  } catch (err) {
    throw new Failure('device_error', `C_Sign: ${(err as Error).message}`);
  }
}

function handle(req: TokenRequest): TokenReply {
  try {
    switch (req.op) {
      case 'list':
        return { ok: true, slots: list(req.modulePath) };
      case 'open':
        return { ok: true, opened: open(req) };
      case 'sign':
        return { ok: true, ...sign(req) };
      case 'logout':
        closeSession(req.session);
        return { ok: true };
      case 'close':
        closeAll();
        return { ok: true };
    }
  } catch (err) {
    if (err instanceof Failure) return { ok: false, failure: err.failure, detail: err.message, pin: err.pin };
    return { ok: false, failure: 'device_error', detail: (err as Error).message };
  }
}

parentPort?.on('message', (msg: { id: number; req: TokenRequest }) => {
  parentPort?.postMessage({ id: msg.id, reply: handle(msg.req) });
});
