/** Messages between the engine and its PKCS#11 worker thread. */

export interface TokenCert {
  /** CKA_ID in hex: pairs the certificate with its private key. */
  keyId: string;
  label: string;
  der: Uint8Array;
  hasPrivateKey: boolean;
}

export interface TokenSlot {
  slotIndex: number;
  slotDescription: string;
  tokenLabel: string;
  manufacturer: string;
  model: string;
  serial: string;
  flags: number;
  certificates: TokenCert[];
}

export interface PinState {
  countLow: boolean;
  finalTry: boolean;
  locked: boolean;
}

export type TokenFailure =
  | 'module_load_failed'
  | 'token_not_found'
  | 'key_not_found'
  | 'pin_incorrect'
  | 'pin_locked'
  | 'pin_invalid'
  | 'not_logged_in'
  | 'device_error';

export type TokenRequest =
  | { op: 'list'; modulePath: string }
  | { op: 'open'; modulePath: string; tokenSerial?: string; tokenLabel?: string; keyId?: string; pin: string }
  | { op: 'sign'; session: number; mechanism: 'rsa-sha256' | 'ecdsa'; data: Uint8Array }
  | { op: 'logout'; session: number }
  | { op: 'close' };

export type TokenReply =
  | {
      ok: true;
      slots?: TokenSlot[];
      opened?: { session: number; slot: TokenSlot; keyId: string; certDer: Uint8Array };
      signature?: Uint8Array;
      signMs?: number;
    }
  | { ok: false; failure: TokenFailure; detail: string; pin?: PinState };
