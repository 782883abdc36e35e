import fs from 'node:fs';
import path from 'node:path';

/**
 * Where the PKCS#11 modules of Vietnamese CAs' USB tokens usually are
 * (file names seen on stations in the field; most are rebranded Feitian
 * devices). Linux paths vary by vendor, so a configured path always wins.
 */
const WINDOWS_NAMES: [string, string][] = [
  ...[6, 7, 8, 9, 10].map((v): [string, string] => [`vnptca_p11_v${v}.dll`, 'VNPT-CA']),
  ['vnpt-ca_csp11.dll', 'VNPT-CA'],
  ['vnpt-ca_v34.dll', 'VNPT-CA'],
  ...[1, 2, 3, 4, 5, 6].map((v): [string, string] => [`viettel-ca_v${v}.dll`, 'Viettel-CA']),
  ...[3, 4, 5, 6].map((v): [string, string] => [`fptca_v${v}.dll`, 'FPT-CA']),
  ['BkavCA.dll', 'BKAV-CA'],
  ['BkavCAv2S.dll', 'BKAV-CA'],
  ...[4, 5, 6, 7, 8, 9].map((v): [string, string] => [`nca_v${v}.dll`, 'NewCA']),
  ['eps2003csp11.dll', 'Feitian ePass2003'],
  ['eTPKCS11.dll', 'SafeNet'],
];
const WINDOWS_DIRS = ['C:\\Windows\\System32', 'C:\\Windows\\SysWOW64'];

const UNIX_PATHS: [string, string][] = [
  ['/usr/lib/libcastle.so.1', 'Feitian ePass2003'],
  ['/usr/lib/x86_64-linux-gnu/libcastle.so.1', 'Feitian ePass2003'],
  ['/usr/lib/libeTPkcs11.so', 'SafeNet'],
  ['/usr/lib/x86_64-linux-gnu/opensc-pkcs11.so', 'OpenSC'],
  ['/usr/lib/opensc-pkcs11.so', 'OpenSC'],
  ['/Library/OpenSC/lib/opensc-pkcs11.so', 'OpenSC'],
];

/** SoftHSM2: a software token, offered only for training and tests. */
export const SOFTHSM_PATHS = [
  '/usr/lib/softhsm/libsofthsm2.so',
  '/usr/lib/x86_64-linux-gnu/softhsm/libsofthsm2.so',
  '/usr/local/lib/softhsm/libsofthsm2.so',
  '/opt/homebrew/lib/softhsm/libsofthsm2.so',
];

export interface ModuleCandidate {
  path: string;
  vendor: string;
  training: boolean;
}

export const isTrainingModule = (p: string) => /softhsm/i.test(path.basename(p));

export function findModules(exists: (p: string) => boolean = fs.existsSync): ModuleCandidate[] {
  const out: ModuleCandidate[] = [];
  if (process.platform === 'win32') {
    for (const dir of WINDOWS_DIRS)
      for (const [name, vendor] of WINDOWS_NAMES) {
        const p = path.win32.join(dir, name);
        if (exists(p)) out.push({ path: p, vendor, training: false });
      }
  } else {
    for (const [p, vendor] of UNIX_PATHS) if (exists(p)) out.push({ path: p, vendor, training: false });
  }
  for (const p of SOFTHSM_PATHS)
    if (exists(p)) out.push({ path: p, vendor: 'SoftHSM (thử nghiệm)', training: true });
  return out;
}
