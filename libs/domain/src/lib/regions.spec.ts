import {
  isRegionCode,
  isWithinRegionPath,
  parentRegionCode,
  regionDisplayName,
  regionLevelOf,
  regionPath,
} from './regions';

describe('regionLevelOf', () => {
  it.each([
    ['33', 'province'],
    ['3301', 'city'],
    ['330127', 'county'],
    ['330127111', 'township'],
    ['330127111264', 'village'],
  ])('%s is a %s', (code, level) => {
    expect(regionLevelOf(code)).toBe(level);
    expect(isRegionCode(code)).toBe(true);
  });

  it.each(['', '3', '330', '33012', '3301271112', '3301271112641', '33a1', ' 33', '33.01'])('rejects %j', (code) => {
    expect(regionLevelOf(code)).toBeNull();
    expect(isRegionCode(code)).toBe(false);
  });
});

describe('parentRegionCode and regionPath', () => {
  it('walks up one level at a time', () => {
    expect(parentRegionCode('330127111264')).toBe('330127111');
    expect(parentRegionCode('330127111')).toBe('330127');
    expect(parentRegionCode('330127')).toBe('3301');
    expect(parentRegionCode('3301')).toBe('33');
    expect(parentRegionCode('33')).toBeNull();
  });

  it('throws on a code that is not a region code', () => {
    expect(() => parentRegionCode('12345')).toThrow('not a region code');
  });

  it('builds the path from the root', () => {
    expect(regionPath('33')).toBe('33');
    expect(regionPath('330127111264')).toBe('33.3301.330127.330127111.330127111264');
  });
});

describe('isWithinRegionPath', () => {
  const chunan = '33.3301.330127';
  it('holds for the root itself and everything below it', () => {
    expect(isWithinRegionPath(chunan, chunan)).toBe(true);
    expect(isWithinRegionPath('33.3301.330127.330127111.330127111264', chunan)).toBe(true);
  });
  it('does not hold for siblings, ancestors or codes sharing a prefix', () => {
    expect(isWithinRegionPath('33.3301', chunan)).toBe(false);
    expect(isWithinRegionPath('33.3305.330523', chunan)).toBe(false);
    expect(isWithinRegionPath('33.3301.3301271', chunan)).toBe(false);
  });
});

describe('regionDisplayName', () => {
  it.each([
    ['下姜村村民委员会', '下姜村'],
    ['黄杜村委会', '黄杜村'],
    ['周垟村村委员会', '周垟村'],
    ['清波门社区居民委员会', '清波门社区'],
    ['墨香湖社区居委会', '墨香湖社区'],
    ['劳动路社区', '劳动路社区'],
    ['邓家居委会', '邓家'],
    ['梵村委会', '梵村'],
    ['围垦生活区', '围垦生活区'],
    ['淳安县', '淳安县'],
    ['枫树岭镇', '枫树岭镇'],
    ['  下姜村村民委员会 ', '下姜村'],
  ])('%s → %s', (official, display) => {
    expect(regionDisplayName(official)).toBe(display);
  });

  it('never strips a name down to nothing', () => {
    expect(regionDisplayName('村委会')).toBe('村委会');
    expect(regionDisplayName('居民委员会')).toBe('居民委员会');
  });
});
