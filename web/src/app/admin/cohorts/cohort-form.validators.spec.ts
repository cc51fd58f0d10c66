import { dateOrderProblems } from './cohort-form.validators';

describe('dateOrderProblems', () => {
  const ok = { startsOn: '2026-03-01', endsOn: '2026-11-30', enrolUntil: '2026-04-30', dueOn: '2026-11-30' };

  it('accepts dates in order, and the same day for start and end', () => {
    expect(dateOrderProblems(ok)).toEqual({});
    expect(dateOrderProblems({ ...ok, endsOn: ok.startsOn, dueOn: ok.startsOn, enrolUntil: ok.startsOn })).toEqual({});
  });

  it('names the field to change', () => {
    expect(dateOrderProblems({ ...ok, endsOn: '2026-02-28' })).toEqual({ endsOn: 'cohorts.form.endBeforeStart' });
    expect(dateOrderProblems({ ...ok, dueOn: '2026-02-01', enrolUntil: '2026-01-01' })).toEqual({
      dueOn: 'cohorts.form.dueBeforeStart',
    });
    expect(dateOrderProblems({ ...ok, enrolUntil: '2026-12-01' })).toEqual({
      enrolUntil: 'cohorts.form.enrolAfterDue',
    });
  });

  it('leaves missing dates to the required check', () => {
    expect(dateOrderProblems({ startsOn: '', endsOn: '2026-01-01', enrolUntil: '', dueOn: '' })).toEqual({});
  });
});
