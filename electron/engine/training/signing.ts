import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { parseCert } from '../sign/certs';
import { ctx, int, nul, octets, OID, oid, seq, setOf, tlv } from '../sign/der';
import { type Signer, signPdf } from '../sign/signer';

/**
 * The sandbox signs the results it issues, as an agency would, with a key and
 * a self-issued certificate of its own (kept in its data folder, so the same
 * across restarts) — through the signing room's own PAdES code (signPdf).
 * A station does not trust this certificate unless told to (GET /sandbox/ca.pem).
 */
export class SandboxSigner {
  private signer: Signer | null = null;
  private pems: { key: string; cert: string } | null = null;

  constructor(private readonly dataDir: string) {}

  /** Made on first need (a key pair costs a moment), then kept in the data folder. */
  private load(): { key: string; cert: string } {
    if (this.pems) return this.pems;
    const dataDir = this.dataDir;
    const keyFile = path.join(dataDir, 'result-signer.key.pem');
    const certFile = path.join(dataDir, 'result-signer.cert.pem');
    if (!fs.existsSync(keyFile) || !fs.existsSync(certFile)) {
      const { privateKey, publicKey } = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 });
      const keyPem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
      const cert = selfIssued(privateKey, publicKey.export({ type: 'spki', format: 'der' }));
      fs.writeFileSync(keyFile, keyPem, { mode: 0o600 });
      fs.writeFileSync(certFile, toPem(cert));
    }
    this.pems = { key: fs.readFileSync(keyFile, 'utf8'), cert: fs.readFileSync(certFile, 'utf8') };
    return this.pems;
  }

  get certPem(): string {
    return this.load().cert;
  }

  private get(): Signer {
    if (!this.signer) {
      const certificate = parseCert(new crypto.X509Certificate(this.certPem).raw);
      const key = this.load().key;
      this.signer = {
        certificate,
        chain: [],
        sign: async (data) => crypto.sign('sha256', data, key),
      };
    }
    return this.signer;
  }

  async sign(pdf: Buffer): Promise<Buffer> {
    const out = await signPdf(pdf, this.get(), {
      reason: 'Kết quả giải quyết TTHC (hộp cát)',
      location: 'Cổng hộp cát',
    });
    return out.pdf;
  }
}

const NAME = seq(
  ...[
    ['2.5.4.3', 'CONG DICH VU CONG HOP CAT (SANDBOX)'],
    ['2.5.4.10', 'SoHoa Station sandbox'],
    ['2.5.4.6', 'VN'],
  ].map(([type, value]) => setOf(seq(oid(type!), tlv(0x13, Buffer.from(value!, 'latin1'))))),
);

/** UTCTime until 2049, GeneralizedTime from 2050 (RFC 5280 4.1.2.5), to the second. */
function time(d: Date): Buffer {
  const s = d.toISOString().replace(/[-:T]/g, '').slice(0, 14);
  return d.getUTCFullYear() < 2050
    ? tlv(0x17, Buffer.from(`${s.slice(2)}Z`, 'latin1'))
    : tlv(0x18, Buffer.from(`${s}Z`, 'latin1'));
}

/**
 * The sandbox's own certificate, self-issued, written with the signing room's DER writer:
 * X.509 v3, a positive 9-byte serial, valid from a day ago for five years, RSA with SHA-256,
 * not a CA (basicConstraints, not critical), keyUsage digitalSignature + nonRepudiation.
 */
function selfIssued(key: crypto.KeyObject, spki: Buffer): Buffer {
  const sha256WithRsa = seq(oid(OID.sha256WithRSA), nul());
  const now = Date.now();
  const tbs = seq(
    ctx(0, int(2)),
    int(Buffer.concat([Buffer.from([0x01]), crypto.randomBytes(8)])),
    sha256WithRsa,
    NAME,
    seq(time(new Date(now - 24 * 3600_000)), time(new Date(now + 5 * 365 * 24 * 3600_000))),
    NAME,
    spki,
    ctx(
      3,
      seq(
        seq(oid('2.5.29.19'), octets(seq())),
        // BIT STRING, 6 unused bits: digitalSignature (0) and nonRepudiation (1).
        seq(oid(OID.keyUsage), octets(tlv(0x03, Buffer.from([0x06, 0xc0])))),
      ),
    ),
  );
  const signature = crypto.sign('sha256', tbs, key);
  return seq(tbs, sha256WithRsa, tlv(0x03, Buffer.concat([Buffer.from([0]), signature])));
}

function toPem(der: Buffer): string {
  const b64 = der.toString('base64').replace(/.{64}/g, '$&\n');
  return `-----BEGIN CERTIFICATE-----\n${b64}${b64.endsWith('\n') ? '' : '\n'}-----END CERTIFICATE-----\n`;
}
