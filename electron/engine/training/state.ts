import type { DvcqgProcedure } from './dvcqg';
/**
 * The sandbox portal's state: its own SQLite (sessions, dossiers, files, results,
 * payments), its data folder, the fault switches and its options — opened once by
 * startSandbox (./server.ts) and handed to every route group.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { DatabaseSync } from '@photostructure/sqlite';
import { ErrorCodes } from '../portal/protocol';
import { type Db, transaction } from '../store/db';
import { SandboxSigner } from './signing';

export interface Faults {
  /** Share of API requests answered 5xx (half before doing anything, half after committing). */
  failRate: number;
  /** Share of API requests whose connection is cut (an upload mid-body, or the answer lost). */
  dropRate: number;
  /** Share of API requests never answered. */
  hangRate: number;
  /** Added before each API answer. */
  latencyMs: number;
  /**
   * Answers to lose on purpose, one entry per call: a DVCQG service (`CapNhatTienDoHoSoMC`) or the
   * last segment of a protocol route (`su-kien`, `nop`, `tra-ket-qua`). The next matching call is
   * carried out, then its connection is cut before the answer (the entry is used up).
   */
  loseAnswerOf: string[];
}

export interface SandboxOptions {
  dataDir: string;
  port?: number;
  host?: string;
  faults?: Partial<Faults>;
  /** Accepted station secret (any station id); in the DVCQG dialect, the password (any username). */
  secret?: string;
  /** What LayThuTuc answers in the DVCQG dialect (training/dvcqg.ts). */
  dvcqgProcedures?: DvcqgProcedure[];
  paymentSecret?: string;
  sessionTtlMs?: number;
  /** Time a dossier stays in a status before the sandbox advances it. */
  advanceMs?: number;
  /** A payment is marked paid by itself after this long (0: only through the pay page). */
  autoPayMs?: number;
  log?: (line: string) => void;
}

export interface DossierRow {
  code: string;
  idem_key: string;
  request: string;
  status: number;
  received_at: string;
  submitted_at: string | null;
  status_at: number;
  updated_at: string;
  returned_to: string | null;
  create_calls: number;
  /** The last confirmed correction's version (1: as created). */
  version: number;
  /** DanhGia sent with the hand-over (JSON), when the citizen rated. */
  rating: string | null;
  /** NgayHenTra set by the last apology (xin lỗi và hẹn lại); null: the one the station sent. */
  appointment: string | null;
}
export interface FileRow {
  id: string;
  code: string;
  position: number;
  component: string;
  name: string;
  size: number;
  sha256: string;
  received: number;
  complete: number;
  /** The dossier version the file belongs to (corrections add files of a new version). */
  version: number;
}
export interface ResultRow {
  id: string;
  code: string;
  name: string;
  size: number;
  sha256: string;
  signed: number;
}
export interface PaymentRow {
  ref: string;
  txn: string;
  code: string;
  amount: number;
  description: string;
  state: 'CHO_THANH_TOAN' | 'DA_THANH_TOAN' | 'HUY';
  created_at: number;
  paid_at: number | null;
  receipt_no: string | null;
}

const SCHEMA = `
CREATE TABLE IF NOT EXISTS sessions (token TEXT PRIMARY KEY, station TEXT NOT NULL, expires_at INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS dossiers (
  code TEXT PRIMARY KEY, idem_key TEXT NOT NULL UNIQUE, request TEXT NOT NULL, status INTEGER NOT NULL,
  received_at TEXT NOT NULL, submitted_at TEXT, status_at INTEGER NOT NULL, updated_at TEXT NOT NULL,
  returned_to TEXT, create_calls INTEGER NOT NULL DEFAULT 1);
CREATE TABLE IF NOT EXISTS files (
  id TEXT PRIMARY KEY, code TEXT NOT NULL REFERENCES dossiers(code), position INTEGER NOT NULL,
  component TEXT NOT NULL, name TEXT NOT NULL, size INTEGER NOT NULL, sha256 TEXT NOT NULL,
  received INTEGER NOT NULL DEFAULT 0, complete INTEGER NOT NULL DEFAULT 0);
CREATE TABLE IF NOT EXISTS results (
  id TEXT PRIMARY KEY, code TEXT NOT NULL REFERENCES dossiers(code), name TEXT NOT NULL,
  size INTEGER NOT NULL, sha256 TEXT NOT NULL, signed INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS payments (
  ref TEXT PRIMARY KEY, txn TEXT NOT NULL, code TEXT NOT NULL, amount INTEGER NOT NULL,
  description TEXT NOT NULL, state TEXT NOT NULL, created_at INTEGER NOT NULL, paid_at INTEGER, receipt_no TEXT);
CREATE TABLE IF NOT EXISTS corrections (
  code TEXT NOT NULL REFERENCES dossiers(code), version INTEGER NOT NULL, idem_key TEXT NOT NULL UNIQUE,
  reason TEXT NOT NULL, created_at TEXT NOT NULL, confirmed_at TEXT, PRIMARY KEY (code, version));
CREATE TABLE IF NOT EXISTS apologies (
  code TEXT NOT NULL REFERENCES dossiers(code), idem_key TEXT NOT NULL UNIQUE, reason TEXT NOT NULL,
  cause TEXT NOT NULL, old_date TEXT NOT NULL, new_date TEXT NOT NULL, apologized_at TEXT NOT NULL,
  created_at TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS dvcqg_dossiers (
  mahoso TEXT PRIMARY KEY, data TEXT NOT NULL, created INTEGER NOT NULL, updates INTEGER NOT NULL,
  updated_at TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS dvcqg_progress (mahoso TEXT NOT NULL, data TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS dvcqg_log (
  at TEXT NOT NULL, path TEXT NOT NULL, service TEXT NOT NULL, body TEXT NOT NULL,
  error_code TEXT, answer TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS events (
  code TEXT NOT NULL REFERENCES dossiers(code), idem_key TEXT NOT NULL UNIQUE, kind TEXT NOT NULL,
  body TEXT NOT NULL, created_at TEXT NOT NULL);
`;

/** Columns added for corrections (đính chính) and apologies to a sandbox database made before them. */
function upgrade(db: Db): void {
  for (const table of ['dossiers', 'files']) {
    const cols = db.prepare(`PRAGMA table_info(${table})`).all() as { name: string }[];
    if (!cols.some((c) => c.name === 'version'))
      db.exec(`ALTER TABLE ${table} ADD COLUMN version INTEGER NOT NULL DEFAULT 1`);
  }
  // The citizen's rating sent with the hand-over (DanhGia).
  const cols = db.prepare('PRAGMA table_info(dossiers)').all() as { name: string }[];
  if (!cols.some((c) => c.name === 'rating')) db.exec('ALTER TABLE dossiers ADD COLUMN rating TEXT');
  if (!cols.some((c) => c.name === 'appointment'))
    db.exec('ALTER TABLE dossiers ADD COLUMN appointment TEXT');
}

/** An answer other than 200: the status, the protocol's error code (MaLoi) and extra fields. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly extra: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

export interface SandboxState {
  readonly db: Db;
  readonly dataDir: string;
  /** Switchable at run time (POST /sandbox/faults, Sandbox.setFaults). */
  readonly faults: Faults;
  readonly secret: string;
  readonly paymentSecret: string;
  readonly ttl: number;
  readonly advanceMs: number;
  readonly procedures: DvcqgProcedure[];
  readonly autoPayMs: number;
  readonly log: (line: string) => void;
  readonly signer: SandboxSigner;
  /** Known once the server listens; payment links point at it. */
  baseUrl: string;
}

/** Opens (or creates) the sandbox's database and data folders under opts.dataDir. */
export function openState(opts: SandboxOptions): SandboxState {
  fs.mkdirSync(path.join(opts.dataDir, 'files'), { recursive: true });
  fs.mkdirSync(path.join(opts.dataDir, 'results'), { recursive: true });
  const db = new DatabaseSync(path.join(opts.dataDir, 'sandbox.db'), { timeout: 5000 });
  db.exec('PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL;');
  db.exec(SCHEMA);
  upgrade(db);
  return {
    db,
    dataDir: opts.dataDir,
    faults: { failRate: 0, dropRate: 0, hangRate: 0, latencyMs: 0, loseAnswerOf: [], ...opts.faults },
    secret: opts.secret ?? 'sandbox',
    paymentSecret: opts.paymentSecret ?? 'sandbox-pay',
    ttl: opts.sessionTtlMs ?? 30 * 60_000,
    advanceMs: opts.advanceMs ?? 5000,
    procedures: opts.dvcqgProcedures ?? [],
    autoPayMs: opts.autoPayMs ?? 0,
    log: opts.log ?? (() => {}),
    signer: new SandboxSigner(opts.dataDir),
    baseUrl: '',
  };
}

export const tx = <T>(s: SandboxState, fn: () => T): T => transaction(s.db, fn);
/** Where an uploaded file's bytes are kept. */
export const filePath = (s: SandboxState, id: string) => path.join(s.dataDir, 'files', `${id}.bin`);
/** Where an issued result PDF is kept. */
export const resultPath = (s: SandboxState, id: string) => path.join(s.dataDir, 'results', `${id}.pdf`);

export const sha256 = (b: Uint8Array) => crypto.createHash('sha256').update(b).digest('hex');

export function dossierRow(s: SandboxState, code: string): DossierRow {
  const row = s.db.prepare('SELECT * FROM dossiers WHERE code = ?').get(code) as DossierRow | undefined;
  if (!row) throw new HttpError(404, ErrorCodes.notFound, `Không tìm thấy hồ sơ ${code}`);
  return row;
}

export function allDossierRows(s: SandboxState): DossierRow[] {
  return s.db.prepare('SELECT * FROM dossiers').all() as unknown as DossierRow[];
}

/** The files of one version of a dossier (its current one when not given). */
export function fileRows(s: SandboxState, code: string, version?: number): FileRow[] {
  return s.db
    .prepare(
      `SELECT * FROM files WHERE code = ? AND version = COALESCE(?, (SELECT version FROM dossiers WHERE code = ?))
       ORDER BY position`,
    )
    .all(code, version ?? null, code) as unknown as FileRow[];
}

export function fileRow(s: SandboxState, code: string, id: string): FileRow {
  const f = s.db.prepare('SELECT * FROM files WHERE id = ? AND code = ?').get(id, code) as
    FileRow | undefined;
  if (!f) throw new HttpError(404, ErrorCodes.notFound, `Không tìm thấy tệp ${id}`);
  return f;
}

/**
 * Whether the answer to this call is to be lost on purpose (Faults.loseAnswerOf): uses up the first
 * entry naming it. `name`: the DVCQG service, or the last segment of a protocol route.
 */
export function takeLostAnswer(s: SandboxState, name: string): boolean {
  const i = s.faults.loseAnswerOf.indexOf(name);
  if (i < 0) return false;
  s.faults.loseAnswerOf.splice(i, 1);
  return true;
}

/** Ends every station session at once (POST /sandbox/expire-sessions, Sandbox.expireSessions). */
export function expireSessions(s: SandboxState): void {
  s.db.prepare('UPDATE sessions SET expires_at = 0').run();
}
