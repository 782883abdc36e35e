import fs from 'node:fs';
import type { DataKey } from '../store/data-key';

/** The newest entry of the chain, as last written: kept outside the database. */
export interface AuditHead {
  count: number;
  seq: number;
  hash: string;
}

/**
 * Mốc đối chiếu — the audit chain's head sealed with the data key in the key
 * folder (outside the data folder), rewritten after every entry. A database
 * whose newest entries were cut, or an older copy put back, no longer reaches
 * the head sealed here; nobody without the key can forge a new seal.
 */
export class AuditAnchor {
  constructor(
    private readonly file: string,
    private readonly key: DataKey,
  ) {}

  read(): AuditHead | null {
    let text: string;
    try {
      text = fs.readFileSync(this.file, 'utf8').trim();
    } catch {
      return null;
    }
    try {
      const head = JSON.parse(this.key.openText(text)) as AuditHead;
      return Number.isInteger(head.count) && Number.isInteger(head.seq) && typeof head.hash === 'string'
        ? head
        : null;
    } catch {
      return null;
    }
  }

  write(head: AuditHead): void {
    const tmp = `${this.file}.${process.pid}.tmp`;
    fs.writeFileSync(tmp, this.key.sealText(JSON.stringify(head)), { mode: 0o600 });
    fs.renameSync(tmp, this.file);
  }
}
