import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ALL_MIGRATIONS } from '../../electron/engine/schema';
import { openDb } from '../../electron/engine/store/db';
import { CounterEvent } from '../../shared/api/rooms/outbox';
import { tempDir } from '../helpers/tmp';

const NOW = '2026-12-04T03:00:00.000Z';

describe('a station updated to the event sequence keeps what its outbox held', () => {
  it('numbers the existing items per dossier, keeps their files, and lets a second apology queue behind the first', () => {
    const file = path.join(tempDir(), 'station.db');
    const before = openDb(
      file,
      ALL_MIGRATIONS.filter((m) => m.name !== 'outbox.004-event-sequence'),
    );
    const dossier = before.prepare(
      `INSERT INTO dossiers (id, procedure_code, applicant_name, status, created_at, updated_at)
       VALUES (?, '1.000656', ?, 'received', ?, ?)`,
    );
    dossier.run('d1', 'Lê Văn Cũ', NOW, NOW);
    dossier.run('d2', 'Phạm Thị Mới', NOW, NOW);
    const item = before.prepare(
      `INSERT INTO outbox_items (id, dossier_id, kind, state, idem_key, code, payload, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    item.run(1, 'd1', 'submit', 'submitted', 'k1', 'H01-1', null, NOW, NOW);
    item.run(2, 'd2', 'submit', 'queued', 'k2', null, null, NOW, NOW);
    item.run(3, 'd1', 'apology', 'queued', 'k3', 'H01-1', '{"reason":"cũ"}', NOW, NOW);
    item.run(4, 'd1', 'update', 'done', 'k4', 'H01-1', null, NOW, NOW);
    before
      .prepare(
        `INSERT INTO outbox_files (item_id, position, component_code, name, blob, size, sha256)
         VALUES (1, 0, 'TK', 'to-khai.pdf', 'b1', 10, 'aa')`,
      )
      .run();
    before.close();

    const db = openDb(file, ALL_MIGRATIONS);
    const rows = db
      .prepare('SELECT id, dossier_id, seq, kind, state, idem_key, payload FROM outbox_items ORDER BY id')
      .all();
    expect(rows).toEqual([
      { id: 1, dossier_id: 'd1', seq: 1, kind: 'submit', state: 'submitted', idem_key: 'k1', payload: null },
      { id: 2, dossier_id: 'd2', seq: 1, kind: 'submit', state: 'queued', idem_key: 'k2', payload: null },
      {
        id: 3,
        dossier_id: 'd1',
        seq: 2,
        kind: 'apology',
        state: 'queued',
        idem_key: 'k3',
        payload: '{"reason":"cũ"}',
      },
      { id: 4, dossier_id: 'd1', seq: 3, kind: 'update', state: 'done', idem_key: 'k4', payload: null },
    ]);
    expect(db.prepare('SELECT item_id, name FROM outbox_files').all()).toEqual([
      { item_id: 1, name: 'to-khai.pdf' },
    ]);
    // The reports room's trigger still stamps when the result came.
    db.prepare('UPDATE outbox_items SET portal_status = 9 WHERE id = 1').run();
    expect(
      (
        db.prepare('SELECT resolved_at FROM outbox_items WHERE id = 1').get() as {
          resolved_at: string | null;
        }
      ).resolved_at,
    ).toEqual(expect.any(String));
    // A second apology is an item of its own; a second submission of a dossier is still refused.
    db.prepare(
      `INSERT INTO outbox_items (dossier_id, seq, kind, state, idem_key, created_at, updated_at)
       VALUES ('d1', 4, 'apology', 'queued', 'k5', ?, ?)`,
    ).run(NOW, NOW);
    expect(() =>
      db
        .prepare(
          `INSERT INTO outbox_items (dossier_id, seq, kind, state, idem_key, created_at, updated_at)
           VALUES ('d1', 5, 'submit', 'queued', 'k6', ?, ?)`,
        )
        .run(NOW, NOW),
    ).toThrow(/UNIQUE/);
    expect(db.prepare('PRAGMA foreign_key_check').all()).toEqual([]);

    // An event queued by an older station (before the stop notice had a kind) still reads as it was,
    // beside a stop notice queued now.
    const ev = db.prepare(
      `INSERT INTO outbox_items (dossier_id, seq, kind, state, idem_key, code, payload, created_at, updated_at)
       VALUES ('d2', ?, 'event', 'queued', ?, NULL, ?, ?, ?)`,
    );
    const old = { kind: 'withdrawal', at: NOW, actor: 'Lê Cán Bộ', content: 'Người dân xin rút hồ sơ.' };
    ev.run(2, 'k7', JSON.stringify(old), NOW, NOW);
    ev.run(3, 'k8', JSON.stringify({ ...old, kind: 'stop', content: 'Dừng để xác minh chữ ký.' }), NOW, NOW);
    const events = (
      db.prepare("SELECT payload FROM outbox_items WHERE kind = 'event' ORDER BY seq").all() as {
        payload: string;
      }[]
    ).map((r) => CounterEvent.parse(JSON.parse(r.payload)));
    expect(events.map((e) => [e.kind, e.content])).toEqual([
      ['withdrawal', 'Người dân xin rút hồ sơ.'],
      ['stop', 'Dừng để xác minh chữ ký.'],
    ]);
    db.close();
  });
});
