import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { EventPayload } from '../../shared/api/contract';
import { createEngine } from '../../electron/engine';
import { connectInProcess } from '../../electron/engine/transport/in-process';
import { tempDir } from '../helpers/tmp';

// No multicast from tests: eSCL devices are reached by their manual URL on 127.0.0.1.
process.env.SOHOA_MDNS = '0';
// These tests are about capture; the imaging room's background OCR is tested in its own room.
process.env.SOHOA_OCR = '0';

/**
 * Tests never probe the system's SANE backends (sane-airscan there would look for
 * scanners on the LAN): unless a test picks its own, SANE sees only its `test` backend.
 */
const testOnlySane = fs.mkdtempSync(path.join(os.tmpdir(), 'sohoa-sane-tests-'));
fs.writeFileSync(path.join(testOnlySane, 'dll.conf'), 'test\n');
process.env.SOHOA_SANE_CONFIG_DIR ??= testOnlySane;

/** A SANE config folder whose dll.conf enables only SANE's `test` backend. */
export function saneConfigDir(): string {
  const dir = tempDir('sohoa-sane-');
  fs.writeFileSync(path.join(dir, 'dll.conf'), 'test\n');
  return dir;
}

export type Progress = EventPayload<'scan.progress'>;

export function openStation(dataDir = tempDir()) {
  const engine = createEngine({ dataDir });
  const client = connectInProcess(engine);
  const events: Progress[] = [];
  client.on('scan.progress', (p) => events.push(p));
  return {
    dataDir,
    client,
    events,
    /** Resolves with the job's last event once it has ended (bounded). */
    async finished(jobId: string, timeoutMs = 60_000): Promise<Progress> {
      const end = Date.now() + timeoutMs;
      for (;;) {
        const last = events.find(
          (e) => e.jobId === jobId && ['done', 'failed', 'cancelled'].includes(e.state),
        );
        if (last) return last;
        if (Date.now() > end) throw new Error(`scan ${jobId} did not end in ${timeoutMs} ms`);
        await new Promise((r) => setTimeout(r, 50));
      }
    },
    async dossier() {
      return client.call('dossier.create', { procedureCode: '1.001193', applicantName: 'Nguyễn Văn An' });
    },
    close() {
      client.dispose();
      engine.close();
    },
  };
}
