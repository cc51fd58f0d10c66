/**
 * Chinese paragraph setting for the certificate: the text is broken between any two characters (a
 * run of Latin letters or digits such as `2026` stays whole), with the usual line-breaking rules
 * (禁则): no line begins with a closing mark such as `，。》”`, none ends with an opening mark such
 * as `《“`; a quarter em separates Chinese from Latin letters and digits; every line but the last is
 * justified to both edges; the first line is indented two characters.
 */

export type TokenKind = 'cjk' | 'latin' | 'space' | 'open' | 'close';

export interface Token {
  text: string;
  kind: TokenKind;
}

/** Marks that must not begin a line (避头). */
const NO_LINE_START = new Set([...'，。、；：！？）》」』】〕〉”’…‥·%‰℃,.;:!?)]}']);
/** Marks that must not end a line (避尾). */
const NO_LINE_END = new Set([...'（《「『【〔〈“‘([{']);

const LATIN = /[\p{Script=Latin}\p{Nd}]/u;
/** Joiners kept inside a Latin run when a letter or digit follows: `LY-2026-000123`, `3.5`, `95%`. */
const JOINER = /[-./:'’+_@#&%]/;

/** The text as tokens: each Chinese character or mark alone, Latin runs and spaces whole. */
export function tokenize(text: string): Token[] {
  const chars = Array.from(text);
  const tokens: Token[] = [];
  for (let i = 0; i < chars.length; ) {
    const char = chars[i];
    if (/\s/.test(char)) {
      while (i < chars.length && /\s/.test(chars[i])) i++;
      tokens.push({ text: ' ', kind: 'space' });
    } else if (LATIN.test(char)) {
      let run = '';
      while (
        i < chars.length &&
        (LATIN.test(chars[i]) ||
          (JOINER.test(chars[i]) && i + 1 < chars.length && LATIN.test(chars[i + 1])) ||
          (chars[i] === '%' && run !== ''))
      ) {
        run += chars[i];
        i++;
      }
      tokens.push({ text: run, kind: 'latin' });
    } else {
      tokens.push({ text: char, kind: NO_LINE_START.has(char) ? 'close' : NO_LINE_END.has(char) ? 'open' : 'cjk' });
      i++;
    }
  }
  return tokens;
}

export interface ParagraphStyle {
  /** Width of the text block. */
  width: number;
  /** Indent of the first line (two characters in Chinese prose). */
  indent: number;
  /** Width of a token's text at the paragraph's font and size. */
  measure: (text: string) => number;
  /** Space between a Chinese character and a Latin run (a quarter em). */
  latinGap: number;
}

export interface PlacedToken {
  text: string;
  /** From the left edge of the block. */
  x: number;
  width: number;
}

export interface Line {
  tokens: PlacedToken[];
  /** Where the last token ends. */
  width: number;
}

function gapBetween(a: Token, b: Token, latinGap: number): number {
  return (a.kind === 'latin' && b.kind === 'cjk') || (a.kind === 'cjk' && b.kind === 'latin') ? latinGap : 0;
}

/** Latin runs wider than a whole line are split into letters (a long address must still fit). */
function fitTokens(tokens: Token[], style: ParagraphStyle): Token[] {
  const limit = style.width - style.indent;
  return tokens.flatMap((token) =>
    token.kind === 'latin' && style.measure(token.text) > limit
      ? Array.from(token.text, (text): Token => ({ text, kind: 'latin' }))
      : [token],
  );
}

/** Lays a paragraph out in lines (see the file's comment for the rules). */
export function layoutParagraph(text: string, style: ParagraphStyle): Line[] {
  const tokens = fitTokens(tokenize(text), style);
  const widths = tokens.map((t) => (t.kind === 'space' ? style.measure(' ') : style.measure(t.text)));
  const lines: Line[] = [];
  let start = 0;
  while (start < tokens.length) {
    while (start < tokens.length && tokens[start].kind === 'space') start++;
    if (start >= tokens.length) break;
    const indent = lines.length === 0 ? style.indent : 0;
    const available = style.width - indent;

    // As many tokens as fit.
    let end = start;
    let used = 0;
    while (end < tokens.length) {
      const gap = end > start ? gapBetween(tokens[end - 1], tokens[end], style.latinGap) : 0;
      if (end > start && used + gap + widths[end] > available + 1e-6) break;
      used += gap + widths[end];
      end++;
    }
    // The line-breaking rules: move the break back past closing marks that would start the next line
    // and opening marks that would end this one; a closing mark with nothing to move hangs in the margin.
    if (end < tokens.length) {
      const violates = (at: number) =>
        tokens[at].kind !== 'space' && (tokens[at].kind === 'close' || tokens[at - 1].kind === 'open');
      let breakAt = end;
      while (breakAt > start + 1 && violates(breakAt)) breakAt--;
      if (violates(breakAt)) {
        // Nothing left to move: closing marks hang in the margin rather than start the next line.
        breakAt = end;
        while (breakAt < tokens.length && tokens[breakAt].kind === 'close') breakAt++;
      }
      end = breakAt;
    }

    let last = end;
    while (last > start && tokens[last - 1].kind === 'space') last--;
    const own = tokens.slice(start, last);
    const isLast = end >= tokens.length;
    const natural = own.reduce(
      (sum, token, k) => sum + widths[start + k] + (k > 0 ? gapBetween(own[k - 1], token, style.latinGap) : 0),
      0,
    );
    const stretch = !isLast && own.length > 1 && natural < available ? (available - natural) / (own.length - 1) : 0;
    const placed: PlacedToken[] = [];
    let x = indent;
    own.forEach((token, k) => {
      if (k > 0) x += gapBetween(own[k - 1], token, style.latinGap) + stretch;
      placed.push({ text: token.text, x, width: widths[start + k] });
      x += widths[start + k];
    });
    lines.push({ tokens: placed, width: x });
    start = end;
  }
  return lines;
}
