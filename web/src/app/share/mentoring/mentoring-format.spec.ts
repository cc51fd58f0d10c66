import { loadPercent, reasonsText, type Translate } from './mentoring-format';
import { zh } from '../../core/i18n/zh';

/** The Chinese dictionary with `{name}` parameters filled in, as the app's translate does. */
const t: Translate = (key, params = {}) =>
  zh[key].replace(/\{(\w+)\}/g, (_, name: string) => String(params[name] ?? `{${name}}`));

describe('reasonsText', () => {
  it('puts the reasons of a suggestion in words, in their order', () => {
    expect(
      reasonsText(
        [
          { kind: 'region', level: 'county', regionName: '淳安县' },
          { kind: 'expertise', area: 'collective_economy', source: 'weakest' },
          { kind: 'load', free: 2, capacity: 5 },
        ],
        t,
      ),
    ).toBe('同一县（淳安县）；擅长集体经济，正是学员最薄弱的方面；还有 2/5 个名额');
    expect(reasonsText([{ kind: 'expertise', area: 'ecology', source: 'need' }], t)).toBe(
      '擅长生态环保，符合学员提出的需求',
    );
  });
});

describe('loadPercent', () => {
  it('keeps a mentor’s load bar within 0–100, one decimal at most', () => {
    expect(loadPercent(2, 5)).toBe(40);
    expect(loadPercent(1, 3)).toBe(33.3);
    expect(loadPercent(7, 5)).toBe(100);
    expect(loadPercent(0, 0)).toBe(0);
  });
});
