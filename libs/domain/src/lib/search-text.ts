// ---------------------------------------------------------------------------------------------
// Full-text search that works for Chinese: n-gram tokens for PostgreSQL's `simple` text search
//
// Chinese has no spaces between words, and the embedded PostgreSQL runs with the C locale, where
// pg_trgm does not see Han characters as word characters. So the text is cut into tokens here: every
// Han character alone and every pair of neighbouring Han characters (so 白茶产业 gives 白 茶 产 业 白茶
// 茶产 产业), and Latin letters and digits as lower-case words. Stored as a `tsvector` ('simple'
// configuration, which keeps tokens as they are) with a GIN index, a query for 白茶 looks for the token
// 白茶, 共富工坊 for 共富 & 富工 & 工坊, a single 茶 for 茶, and AI助手 for ai & 助手.

/** Han ideographs (CJK Unified Ideographs and extension A, compatibility ideographs). */
const HAN = /[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]/;
/** A run of Han characters, or of Latin letters and digits (full-width forms folded first). */
const RUNS = /[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+|[a-z0-9]+/g;

/** Full-width Latin letters and digits (ＡＩ１２) to ASCII, then lower case. */
function fold(text: string): string {
  return text.replace(/[\uff01-\uff5e]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0)).toLowerCase();
}

/** Runs of Han characters and of Latin words, in order. */
function runs(text: string): string[] {
  return fold(text).match(RUNS) ?? [];
}

/** Every token of a text to index: Han characters alone and in pairs, Latin words. Repeats kept once. */
export function indexTokens(text: string): string[] {
  const tokens = new Set<string>();
  for (const run of runs(text)) {
    if (!HAN.test(run[0])) {
      tokens.add(run);
      continue;
    }
    const chars = Array.from(run);
    chars.forEach((c, i) => {
      tokens.add(c);
      if (i + 1 < chars.length) tokens.add(c + chars[i + 1]);
    });
  }
  return [...tokens];
}

/**
 * The tokens a query needs, every one of them (AND): a Han run of one character is that character,
 * a longer run its pairs; a Latin word itself. Empty when the query has nothing searchable.
 */
export function queryTokens(query: string): string[] {
  const tokens = new Set<string>();
  for (const run of runs(query)) {
    if (!HAN.test(run[0])) {
      tokens.add(run);
      continue;
    }
    const chars = Array.from(run);
    if (chars.length === 1) tokens.add(chars[0]);
    for (let i = 0; i + 1 < chars.length; i++) tokens.add(chars[i] + chars[i + 1]);
  }
  return [...tokens];
}

/** A token as a `tsquery` or `tsvector` lexeme: quoted, with quotes and backslashes doubled. */
function lexeme(token: string): string {
  return `'${token.replace(/'/g, "''").replace(/\\/g, '\\\\')}'`;
}

/** The text for `to_tsvector`-free indexing: `CAST($1 AS tsvector)` of this is the document's vector. */
export function toTsvectorText(text: string): string {
  return indexTokens(text).map(lexeme).join(' ');
}

/** The `tsquery` text (`CAST($1 AS tsquery)`) matching documents with every token; null when empty. */
export function toTsqueryText(query: string): string | null {
  const tokens = queryTokens(query);
  return tokens.length === 0 ? null : tokens.map(lexeme).join(' & ');
}
