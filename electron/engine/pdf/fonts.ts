import fs from 'node:fs';
import { createRequire } from 'node:module';
import fontkit from '@pdf-lib/fontkit';
import type { PDFDocument, PDFFont } from 'pdf-lib';
import { subsetTrueType, VIETNAMESE_REPERTOIRE } from './font-subset';

const require = createRequire(import.meta.url);

/** Times-metric TTFs with every Vietnamese glyph, shipped in node_modules so printing works offline. */
const FILES = {
  regular: require.resolve('@expo-google-fonts/tinos/400Regular/Tinos_400Regular.ttf'),
  bold: require.resolve('@expo-google-fonts/tinos/700Bold/Tinos_700Bold.ttf'),
  italic: require.resolve('@expo-google-fonts/tinos/400Regular_Italic/Tinos_400Regular_Italic.ttf'),
  boldItalic: require.resolve('@expo-google-fonts/tinos/700Bold_Italic/Tinos_700Bold_Italic.ttf'),
} as const;

/** The four faces every one-stop form uses. */
export interface Fonts {
  regular: PDFFont;
  bold: PDFFont;
  italic: PDFFont;
  boldItalic: PDFFont;
}
export type FontKey = keyof Fonts;

const subsets = new Map<string, Uint8Array>();

/** A face reduced to the Vietnamese repertoire, made once per process. */
function subsetOf(file: string): Uint8Array {
  let bytes = subsets.get(file);
  if (!bytes) {
    // Our own subset (glyph ids kept): fontkit's subset of Tinos drops the outlines of
    // composite glyphs, so poppler (and a printer) drew holes in the text.
    bytes = subsetTrueType(fs.readFileSync(file), VIETNAMESE_REPERTOIRE);
    subsets.set(file, bytes);
  }
  return bytes;
}

/** Embeds the Tinos faces into `doc`. */
export async function embedFormFonts(doc: PDFDocument): Promise<Fonts> {
  doc.registerFontkit(fontkit);
  const keys = Object.keys(FILES) as FontKey[];
  const fonts = await Promise.all(keys.map((k) => doc.embedFont(subsetOf(FILES[k]), { subset: false })));
  return Object.fromEntries(keys.map((k, i) => [k, fonts[i]!])) as unknown as Fonts;
}
