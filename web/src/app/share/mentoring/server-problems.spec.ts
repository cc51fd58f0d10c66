import { HttpErrorResponse } from '@angular/common/http';
import { zh } from '../../core/i18n/zh';
import type { Translate } from './mentoring-format';
import { ServerProblems, fieldProblems, problemText } from './server-problems';

/** The Chinese dictionary with `{name}` parameters filled in, as the app's translate does. */
const t: Translate = (key, params = {}) =>
  zh[key].replace(/\{(\w+)\}/g, (_, name: string) => String(params[name] ?? `{${name}}`));

/** A refusal as HttpClient throws it. */
const refusal = (error: string, details?: Array<{ field: string; problems: string[] }>) =>
  new HttpErrorResponse({ status: 400, error: { statusCode: 400, error, message: error, details } });

describe('a refused save', () => {
  it('puts the usual problems in words', () => {
    expect(problemText('topic must not be empty', t)).toBe('请填写此项');
    expect(problemText('notes must be at most 4000 characters', t)).toBe('最多 4000 个字');
    expect(problemText('a meeting is logged after it took place, not before', t)).toBe('交流日期不能晚于今天');
    expect(problemText('dueOn must be a date (YYYY-MM-DD) or null', t)).toBe('请填写有效的日期');
    expect(problemText('metOn must be a real date', t)).toBe('请填写有效的日期');
    expect(problemText('capacity must be a whole number from 1 to 30', t)).toBe('请填写 1–30 之间的整数');
    expect(problemText('regionCode must be a region code', t)).toBe('请选择有效的地区');
    expect(problemText('every expertise must be one of a, b', t)).toBe(
      '服务器校验未通过：every expertise must be one of a, b',
    );
  });

  it('gathers the problems by field, once each', () => {
    expect(
      fieldProblems(
        [
          { field: 'metOn', problems: ['metOn must be a date (YYYY-MM-DD)', 'metOn must be a real date'] },
          { field: 'topic', problems: ['topic must not be empty'] },
          { field: 'expertise.0', problems: ['every expertise must be one of x'] },
        ],
        t,
      ),
    ).toEqual({
      metOn: '请填写有效的日期',
      topic: '请填写此项',
      expertise: '服务器校验未通过：every expertise must be one of x',
    });
    expect(fieldProblems(undefined, t)).toEqual({});
  });

  it('keeps a refused save’s problems by field until the field changes, and words the banner', () => {
    const server = new ServerProblems<'topic' | 'notes'>(t);
    expect(server.message()).toBeNull();
    server.refused(
      refusal('VALIDATION_FAILED', [
        { field: 'topic', problems: ['topic must not be empty'] },
        { field: 'notes', problems: ['notes must be at most 4000 characters'] },
      ]),
    );
    expect(server.of('topic')).toBe('请填写此项');
    expect(server.message()).toBe('mentoring.fixProblems');
    server.clear('topic');
    expect(server.of('topic')).toBeNull();
    expect(server.of('notes')).toBe('最多 4000 个字');
    server.reset();
    expect(server.of('notes')).toBeNull();
    expect(server.message()).toBeNull();
  });

  it('puts an error code on the field it is about, or else says the error', () => {
    const server = new ServerProblems<'regionCode'>(t);
    server.refused(refusal('REGION_NOT_FOUND'), (error) =>
      error.error === 'REGION_NOT_FOUND' ? { regionCode: '地区不存在' } : {},
    );
    expect(server.of('regionCode')).toBe('地区不存在');
    expect(server.message()).toBe('mentoring.fixProblems');
    server.refused(refusal('MENTOR_NOT_FOUND'));
    expect(server.of('regionCode')).toBeNull();
    expect(server.message()).toBe('errors.MENTOR_NOT_FOUND');
  });
});
