import fs from 'node:fs';
import path from 'node:path';
import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { StationError } from '../../shared/api/errors';
import { createEngine } from '../../electron/engine';
import { BlobStore, sha256 } from '../../electron/engine/store';
import { resolveDataDir } from '../../electron/engine/store/data-dir';
import { appliedMigrations, openDb } from '../../electron/engine/store/db';
import { ALL_MIGRATIONS } from '../../electron/engine/schema';
import { tempDir } from '../helpers/tmp';

describe('the blob store', () => {
  it('names files by content, writes each once, and never overwrites', () => {
    const root = tempDir();
    const blobs = new BlobStore(root);
    const bytes = Buffer.from('trang 1 của hồ sơ');
    const id = blobs.put(bytes);
    expect(id).toBe(sha256(bytes));
    const file = blobs.pathOf(id);
    const before = fs.statSync(file);
    expect(blobs.put(Buffer.from(bytes))).toBe(id);
    expect(fs.statSync(file).ino).toBe(before.ino);
    expect(blobs.get(id).equals(bytes)).toBe(true);
    expect(fs.readdirSync(path.join(root, 'tmp'))).toEqual([]);
  });

  it('clears temp files a crash left behind, which nothing ever referenced', () => {
    const root = tempDir();
    fs.mkdirSync(path.join(root, 'tmp'), { recursive: true });
    fs.writeFileSync(path.join(root, 'tmp', 'half-written'), 'x');
    new BlobStore(root);
    expect(fs.readdirSync(path.join(root, 'tmp'))).toEqual([]);
  });

  it('refuses ids that are not hashes (no path tricks)', () => {
    const blobs = new BlobStore(tempDir());
    expect(() => blobs.pathOf('../../etc/passwd')).toThrow(StationError);
  });
});

describe('the database', () => {
  it('is in WAL mode and has every room’s migrations applied, each once', () => {
    const file = path.join(tempDir(), 'station.db');
    const db = openDb(file, ALL_MIGRATIONS);
    expect(appliedMigrations(db)).toEqual(ALL_MIGRATIONS.map((m) => m.name));
    expect((db.prepare('PRAGMA journal_mode').get() as { journal_mode: string }).journal_mode).toBe('wal');
    db.close();
    const again = openDb(file, ALL_MIGRATIONS);
    expect(appliedMigrations(again)).toHaveLength(ALL_MIGRATIONS.length);
    again.close();
  });

  it('applies a later version’s new migration on top, and rolls back one that fails', () => {
    const file = path.join(tempDir(), 'station.db');
    openDb(file, ALL_MIGRATIONS).close();
    const next = [...ALL_MIGRATIONS, { name: 'test.001-notes', sql: 'CREATE TABLE notes (x TEXT);' }];
    const db = openDb(file, next);
    expect(appliedMigrations(db).at(-1)).toBe('test.001-notes');
    db.close();
    const broken = [
      ...next,
      { name: 'test.002-broken', sql: 'CREATE TABLE half (x TEXT); INSERT INTO nowhere VALUES (1);' },
    ];
    expect(() => openDb(file, broken)).toThrow(/nowhere/);
    const after = openDb(file, next);
    expect(after.prepare("SELECT name FROM sqlite_master WHERE name = 'half'").get()).toBeUndefined();
    after.close();
  });

  it('refuses a database written by a newer version of the app', () => {
    const file = path.join(tempDir(), 'station.db');
    openDb(file, [...ALL_MIGRATIONS, { name: 'future.001-x', sql: 'CREATE TABLE future (x);' }]).close();
    expect(() => openDb(file, ALL_MIGRATIONS)).toThrow(/newer version of the app/);
  });
});

describe('the data directory', () => {
  it('comes from --data, then SOHOA_DATA_DIR, then the per-user app-data folder', () => {
    expect(resolveDataDir('/x/y', { SOHOA_DATA_DIR: '/env' })).toBe(path.resolve('/x/y'));
    expect(resolveDataDir(undefined, { SOHOA_DATA_DIR: '/env' })).toBe(path.resolve('/env'));
    expect(resolveDataDir(undefined, { XDG_DATA_HOME: '/home/u/.data' })).toMatch(/sohoa-station$/);
  });

  it('is used by one engine at a time: a second one is told who holds it', () => {
    const dir = tempDir();
    const first = createEngine({ dataDir: dir });
    let err: unknown;
    try {
      createEngine({ dataDir: dir });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(StationError);
    expect((err as StationError).code).toBe('data_dir_locked');
    expect((err as StationError).params).toMatchObject({ pid: process.pid });
    first.close();
    createEngine({ dataDir: dir }).close();
  });

  it('is taken over when the engine that held it died without cleaning up', async () => {
    const dir = tempDir();
    // A process that exits at once: its pid is dead by the time we look.
    const child = spawn(process.execPath, ['-e', '0']);
    const pid = child.pid!;
    await new Promise((r) => child.on('exit', r));
    fs.writeFileSync(
      path.join(dir, 'engine.lock'),
      JSON.stringify({ pid, host: (await import('node:os')).hostname() }),
    );
    const engine = createEngine({ dataDir: dir });
    engine.close();
    expect(fs.existsSync(path.join(dir, 'engine.lock'))).toBe(false);
  });
});
