import { layoutParagraph, tokenize, type ParagraphStyle } from './certificate-layout';

/** A monospaced stand-in for the font: Chinese characters and marks 10 wide, Latin letters and digits 5. */
const measure = (text: string) =>
  Array.from(text).reduce((sum, c) => sum + (/[\x20-\x7e]/.test(c) ? (c === ' ' ? 3 : 5) : 10), 0);

const style = (width: number, indent = 20): ParagraphStyle => ({ width, indent, measure, latinGap: 2.5 });

const lineTexts = (text: string, width: number, indent = 20) =>
  layoutParagraph(text, style(width, indent)).map((line) => line.tokens.map((t) => t.text).join(''));

describe('tokenize', () => {
  it('keeps Latin runs and numbers whole, and splits Chinese into characters', () => {
    expect(tokenize('于2026年3月1日参加《A-1班》，证书LY-2026-000123。').map((t) => `${t.kind}:${t.text}`)).toEqual([
      'cjk:于',
      'latin:2026',
      'cjk:年',
      'latin:3',
      'cjk:月',
      'latin:1',
      'cjk:日',
      'cjk:参',
      'cjk:加',
      'open:《',
      'latin:A-1',
      'cjk:班',
      'close:》',
      'close:，',
      'cjk:证',
      'cjk:书',
      'latin:LY-2026-000123',
      'close:。',
    ]);
  });

  it('folds white space and keeps a trailing percent sign with its number', () => {
    expect(tokenize('合格率  95%')).toEqual([
      { text: '合', kind: 'cjk' },
      { text: '格', kind: 'cjk' },
      { text: '率', kind: 'cjk' },
      { text: ' ', kind: 'space' },
      { text: '95%', kind: 'latin' },
    ]);
  });
});

describe('layoutParagraph', () => {
  it('indents the first line by two characters and justifies all lines but the last', () => {
    const lines = layoutParagraph('一二三四五六七八九十一二三四五六七八', style(100));
    expect(lines.map((l) => l.tokens.length)).toEqual([8, 10]);
    expect(lines[0].tokens[0].x).toBe(20);
    expect(lines[0].width).toBeCloseTo(100);
    expect(lines[1].tokens[0].x).toBe(0);
    expect(lines[1].width).toBe(100);
  });

  it('never begins a line with a closing mark: the character before it moves down with it', () => {
    // Ten characters fit a line; the 11th is "，".
    const lines = lineTexts('一二三四五六七八九十，一二三。', 100, 0);
    expect(lines).toEqual(['一二三四五六七八九', '十，一二三。']);
    for (const line of lines) expect(line).not.toMatch(/^[，。》”]/);
    // The shortened line is still justified to the full width.
    expect(layoutParagraph('一二三四五六七八九十，一二三。', style(100, 0))[0].width).toBeCloseTo(100);
  });

  it('never ends a line with an opening mark', () => {
    const lines = lineTexts('一二三四五六七八九《十一》', 100, 0);
    expect(lines).toEqual(['一二三四五六七八九', '《十一》']);
  });

  it('moves past several marks at once', () => {
    const lines = lineTexts('一二三四五六七八《九》，十一', 100, 0);
    // 《九》 would leave 》 at the start of the next line, and 《 alone at the end of this one.
    expect(lines).toEqual(['一二三四五六七八', '《九》，十一']);
  });

  it('lets a closing mark hang when there is nothing else to move', () => {
    expect(lineTexts('一，二', 10, 0)).toEqual(['一，', '二']);
  });

  it('puts a quarter em between Chinese and Latin text, and never breaks inside a number', () => {
    const [line] = layoutParagraph('于2026年', style(200, 0));
    expect(line.tokens.map((t) => [t.text, t.x])).toEqual([
      ['于', 0],
      ['2026', 12.5],
      ['年', 35],
    ]);
    const lines = lineTexts('一二三四五六七2026年', 80, 0);
    expect(lines).toEqual(['一二三四五六七', '2026年']);
  });

  it('breaks at spaces and drops them at line ends', () => {
    const lines = lineTexts('abc def ghi', 40, 0);
    expect(lines).toEqual(['abc def', 'ghi']);
  });

  it('splits a Latin run wider than a line rather than overflow', () => {
    const lines = lineTexts('x'.repeat(30), 50, 0);
    expect(lines).toEqual(['x'.repeat(10), 'x'.repeat(10), 'x'.repeat(10)]);
  });

  it('keeps every character of the text, in order', () => {
    const text = '于2026年3月1日至2026年12月31日参加《2026年度村社书记全员轮训》，完成规定课程，考核合格，准予结业。';
    for (const width of [60, 100, 170, 333, 640]) {
      const lines = lineTexts(text, width);
      expect(lines.join('')).toBe(text);
      for (const line of lines.slice(1)) expect(line).not.toMatch(/^[，。》]/);
      for (const line of lines.slice(0, -1)) expect(line).not.toMatch(/《$/);
    }
  });
});
