#!/usr/bin/env node
// `npm run electron:review`: Electronegativity over electron/, its findings printed, and a
// failure for every HIGH or MEDIUM finding not explained in tools/electronegativity-explained.json.
// Electronegativity itself always exits 0, so its report is what is read here.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const electron = JSON.parse(
  fs.readFileSync(path.join(root, 'node_modules/electron/package.json'), 'utf8'),
).version;
// SOHOA_EN_EXPLAINED: another explanations file (the script's own test).
const explainedFile =
  process.env.SOHOA_EN_EXPLAINED ?? path.join(root, 'tools/electronegativity-explained.json');
const explained = JSON.parse(fs.readFileSync(explainedFile, 'utf8'));
const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'sohoa-en-')), 'electronegativity.csv');
const bin = path.join(root, 'node_modules/.bin/electronegativity');

// -e: the Electron version in use (it cannot tell from sources); -r: paths relative to electron/.
const run = spawnSync(
  bin,
  ['-i', path.join(root, 'electron'), '-o', out, '-r', '-v', 'false', '-e', electron],
  {
    encoding: 'utf8',
    timeout: 300_000,
  },
);
if (!fs.existsSync(out)) {
  console.error(`electronegativity wrote no report:\n${run.stdout}\n${run.stderr}`);
  process.exit(1);
}

/** RFC 4180 rows: quoted fields may hold commas and doubled quotes. */
function csv(text) {
  const rows = [];
  let row = [];
  let field = '';
  let quoted = false;
  const endField = () => {
    row.push(field.trim());
    field = '';
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') endField();
    else if (c === '\n') {
      endField();
      rows.push(row);
      row = [];
    } else if (c !== '\r') field += c;
  }
  if (field || row.length) {
    endField();
    rows.push(row);
  }
  return rows;
}

const [header, ...rows] = csv(fs.readFileSync(out, 'utf8')).filter((r) => r.length > 1);
const col = (name) => header.indexOf(name);
const findings = rows.map((r) => ({
  check: r[col('issue')],
  severity: r[col('severity')],
  confidence: r[col('confidence')],
  file: r[col('filename')],
  location: r[col('location')],
  description: r[col('description')],
}));

const why = (f) => explained.find((e) => e.check === f.check && (!e.file || e.file === f.file));
let unexplained = 0;
console.log(`Electronegativity (Electron ${electron}) over electron/: ${findings.length} finding(s)`);
for (const f of findings) {
  const e = why(f);
  const serious = f.severity === 'HIGH' || f.severity === 'MEDIUM' || f.severity === 'CRITICAL';
  const mark = e ? 'explained' : serious ? 'UNEXPLAINED' : 'info';
  if (serious && !e) unexplained++;
  console.log(
    `  [${f.severity}/${f.confidence}] ${f.check} ${f.file}:${f.location} — ${f.description} (${mark})`,
  );
  if (e) console.log(`      ↳ ${e.reason}`);
}
for (const e of explained)
  if (!findings.some((f) => f.check === e.check && (!e.file || e.file === f.file)))
    console.log(`  note: the explanation for ${e.check} (${e.file}) matches no finding any more; remove it.`);
if (unexplained) {
  console.error(
    `${unexplained} HIGH/MEDIUM finding(s) neither fixed nor explained in tools/electronegativity-explained.json`,
  );
  process.exit(1);
}
console.log('No unexplained HIGH/MEDIUM finding.');
