import type { Migration } from '../store/migrations';

export const imagingMigrations: Migration[] = [
  {
    // cleanup: JSON {v, state, analysis, choices, blankDecision, error}; the raw scan is never changed.
    // ocr: JSON {key, blob, confidence, words} — the words live in the blob store.
    name: 'imaging.001-page-cleanup-ocr',
    sql: `
    ALTER TABLE pages ADD COLUMN cleanup TEXT;
    ALTER TABLE pages ADD COLUMN ocr TEXT;`,
  },
];
