import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import forge from 'node-forge';
import { parseCert } from '../sign/certs';
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
      const pubPem = publicKey.export({ type: 'spki', format: 'pem' }).toString();
      const cert = forge.pki.createCertificate();
      cert.publicKey = forge.pki.publicKeyFromPem(pubPem);
      cert.serialNumber = `01${crypto.randomBytes(8).toString('hex')}`;
      cert.validity.notBefore = new Date(Date.now() - 24 * 3600_000);
      cert.validity.notAfter = new Date(Date.now() + 5 * 365 * 24 * 3600_000);
      const attrs = [
        { name: 'commonName', value: 'CONG DICH VU CONG HOP CAT (SANDBOX)' },
        { name: 'organizationName', value: 'SoHoa Station sandbox' },
        { name: 'countryName', value: 'VN' },
      ];
      cert.setSubject(attrs);
      cert.setIssuer(attrs);
      cert.setExtensions([
        { name: 'basicConstraints', cA: false },
        { name: 'keyUsage', digitalSignature: true, nonRepudiation: true },
      ]);
      cert.sign(forge.pki.privateKeyFromPem(keyPem), forge.md.sha256.create());
      fs.writeFileSync(keyFile, keyPem, { mode: 0o600 });
      fs.writeFileSync(certFile, forge.pki.certificateToPem(cert));
    }
    this.pems = { key: fs.readFileSync(keyFile, 'utf8'), cert: fs.readFileSync(certFile, 'utf8') };
    return this.pems;
  }

  get certPem(): string {
    return this.load().cert;
  }

  private get(): Signer {
    if (!this.signer) {
      const der = Buffer.from(
        forge.asn1.toDer(forge.pki.certificateToAsn1(forge.pki.certificateFromPem(this.certPem))).getBytes(),
        'binary',
      );
      const certificate = parseCert(der);
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
