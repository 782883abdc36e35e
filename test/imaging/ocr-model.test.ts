import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { primeTraineddata } from '../../electron/engine/ocr/pool';

const SHIPPED = path.resolve('resources/ocr/vie.traineddata.gz');
const shippedBytes = () => zlib.gunzipSync(fs.readFileSync(SHIPPED));
const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), 'ocr-model-'));

afterEach(() => {
  delete process.env.SOHOA_OCR_MODEL_VIE;
});

describe('the OCR models a station unpacks', () => {
  it('a new station reads Vietnamese with the shipped fast model; English comes from its npm package', () => {
    const dir = tmp();
    primeTraineddata(dir, 'vie');
    primeTraineddata(dir, 'eng');
    expect(fs.readFileSync(path.join(dir, 'vie.traineddata')).equals(shippedBytes())).toBe(true);
    expect(fs.readFileSync(path.join(dir, 'vie.traineddata.source'), 'utf8')).toMatch(/fast/);
    expect(fs.statSync(path.join(dir, 'eng.traineddata')).size).toBeGreaterThan(1_000_000);
  });

  it('a station that unpacked the older best_int model gets the fast one, once', () => {
    const dir = tmp();
    // An older release unpacked best_int and wrote no .source file.
    const old = zlib.gunzipSync(
      fs.readFileSync(path.resolve('node_modules/@tesseract.js-data/vie/4.0.0_best_int/vie.traineddata.gz')),
    );
    fs.writeFileSync(path.join(dir, 'vie.traineddata'), old);
    primeTraineddata(dir, 'vie');
    expect(fs.readFileSync(path.join(dir, 'vie.traineddata')).equals(shippedBytes())).toBe(true);
    const at = fs.statSync(path.join(dir, 'vie.traineddata')).mtimeMs;
    primeTraineddata(dir, 'vie');
    expect(fs.statSync(path.join(dir, 'vie.traineddata')).mtimeMs).toBe(at);
  });

  it('SOHOA_OCR_MODEL_VIE still puts a model of one’s own in its place, and taking it away brings the shipped one back', () => {
    const dir = tmp();
    primeTraineddata(dir, 'vie');
    const own = path.join(tmp(), 'vie.traineddata');
    fs.writeFileSync(own, Buffer.from('a model of one’s own'));
    process.env.SOHOA_OCR_MODEL_VIE = own;
    primeTraineddata(dir, 'vie');
    expect(fs.readFileSync(path.join(dir, 'vie.traineddata'), 'utf8')).toBe('a model of one’s own');
    delete process.env.SOHOA_OCR_MODEL_VIE;
    primeTraineddata(dir, 'vie');
    expect(fs.readFileSync(path.join(dir, 'vie.traineddata')).equals(shippedBytes())).toBe(true);
  });
});
