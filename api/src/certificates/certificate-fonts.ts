import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import * as fontkit from 'fontkit';

/**
 * Noto Serif SC (思源宋体's Google Fonts cut, SIL Open Font License 1.1, which allows embedding), as
 * whole TrueType files from an npm package, so a fresh `npm ci` renders certificates without any
 * system font. pdfkit embeds only the glyphs a certificate uses (a subset of a few kilobytes).
 */
export const FONT_PACKAGE = '@expo-google-fonts/noto-serif-sc';

const FONT_FILES = {
  regular: '400Regular/NotoSerifSC_400Regular.ttf',
  bold: '700Bold/NotoSerifSC_700Bold.ttf',
} as const;

export type FontWeight = keyof typeof FONT_FILES;
export type CertificateFonts = Record<FontWeight, fontkit.Font>;

/**
 * The package's folder along Node's module search paths (from this file, then from the working
 * directory, as the bundled API runs from `dist/`).
 */
function packageDir(): string {
  const searchPaths = [
    ...(createRequire(__filename).resolve.paths(FONT_PACKAGE) ?? []),
    ...(createRequire(join(process.cwd(), 'noop.js')).resolve.paths(FONT_PACKAGE) ?? []),
  ];
  const found = searchPaths
    .map((dir) => join(dir, FONT_PACKAGE))
    .find((dir) => existsSync(join(dir, FONT_FILES.regular)));
  if (!found) {
    throw new Error(`The certificate font package ${FONT_PACKAGE} is not installed: run npm ci.`);
  }
  return found;
}

let loaded: CertificateFonts | null = null;

/**
 * The fonts, read and parsed once per process (about 15 MB each; fontkit reads tables lazily, so
 * this takes a few tens of milliseconds) and shared by every certificate rendered afterwards.
 */
export function certificateFonts(): CertificateFonts {
  if (loaded) return loaded;
  const dir = packageDir();
  const open = (file: string): fontkit.Font => {
    const font = fontkit.create(readFileSync(join(dir, file)));
    if (!('layout' in font)) throw new Error(`${file} is a font collection, not a font`);
    return font;
  };
  loaded = { regular: open(FONT_FILES.regular), bold: open(FONT_FILES.bold) };
  return loaded;
}
