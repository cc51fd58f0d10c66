import { indexTokens, queryTokens, toTsqueryText, toTsvectorText } from './search-text';

describe('Chinese search tokens', () => {
  it('indexes Han characters alone and in pairs, and Latin words in lower case', () => {
    expect(indexTokens('白茶产业')).toEqual(['白', '白茶', '茶', '茶产', '产', '产业', '业']);
    expect(indexTokens('建好AI助手，发展Rural Tourism！')).toEqual([
      '建',
      '建好',
      '好',
      'ai',
      '助',
      '助手',
      '手',
      '发',
      '发展',
      '展',
      'rural',
      'tourism',
    ]);
  });

  it('folds full-width letters and digits, and keeps repeats once', () => {
    expect(indexTokens('ＡＩ１２３ 茶茶')).toEqual(['ai123', '茶', '茶茶']);
  });

  it('makes a query of every pair of a phrase, a single character, or a word', () => {
    expect(queryTokens('白茶')).toEqual(['白茶']);
    expect(queryTokens('共富工坊')).toEqual(['共富', '富工', '工坊']);
    expect(queryTokens('茶')).toEqual(['茶']);
    expect(queryTokens('AI 助手')).toEqual(['ai', '助手']);
    expect(queryTokens('  ，。!! ')).toEqual([]);
  });

  it('finds a phrase wherever its pairs are in the text', () => {
    const doc = new Set(indexTokens('安吉县溪龙乡白茶产业带动共同富裕，建成共富工坊三家'));
    for (const query of ['白茶', '白茶产业', '共富工坊', '茶', '溪龙']) {
      expect(queryTokens(query).every((t) => doc.has(t))).toBe(true);
    }
    expect(queryTokens('红茶').every((t) => doc.has(t))).toBe(false);
  });

  it('writes tsvector and tsquery text with quotes escaped', () => {
    expect(toTsvectorText("it's 茶")).toBe("'it' 's' '茶'");
    expect(toTsqueryText('共富工坊')).toBe("'共富' & '富工' & '工坊'");
    expect(toTsqueryText('！')).toBeNull();
  });
});
