import { isoDate, programTotals, sameCourses } from './program-format';

const course = (credits: number, required: boolean) => ({ credits, required });

describe('programTotals', () => {
  it('sums credits of required courses and of all courses without drift', () => {
    const totals = programTotals([course(0.25, true), course(0.5, true), course(1.25, false)], 2);
    expect(totals.requiredCourseCredits).toBe(0.75);
    expect(totals.totalCourseCredits).toBe(2);
  });

  it('says when nothing is there yet', () => {
    expect(programTotals([], 10).verdict).toBe('empty');
  });

  it('warns when all courses together cannot reach the requirement', () => {
    const totals = programTotals([course(3, true), course(2, false)], 6);
    expect(totals.verdict).toBe('short');
    expect(totals.electiveNeeded).toBe(3);
  });

  it('says how much must come from electives when required courses are not enough', () => {
    const totals = programTotals([course(3, true), course(2.5, false), course(1, false)], 5.5);
    expect(totals.verdict).toBe('electives');
    expect(totals.electiveNeeded).toBe(2.5);
  });

  it('is met when required courses alone reach it (exactly, in hundredths)', () => {
    const totals = programTotals([course(0.1, true), course(0.2, true)], 0.3);
    expect(totals.verdict).toBe('met');
    expect(totals.electiveNeeded).toBe(0);
  });

  it('treats a requirement not typed yet as 0', () => {
    const totals = programTotals([course(1, false)], null);
    expect(totals.requiredCredits).toBe(0);
    expect(totals.verdict).toBe('met');
  });
});

describe('sameCourses', () => {
  const a = [
    { courseId: 'x', required: true },
    { courseId: 'y', required: false },
  ];

  it('compares ids, order and required', () => {
    expect(
      sameCourses(
        a,
        a.map((c) => ({ ...c })),
      ),
    ).toBe(true);
    expect(sameCourses(a, [...a].reverse())).toBe(false);
    expect(sameCourses(a, [a[0], { courseId: 'y', required: true }])).toBe(false);
    expect(sameCourses(a, [a[0]])).toBe(false);
  });
});

describe('isoDate', () => {
  it('writes a local date as YYYY-MM-DD', () => {
    expect(isoDate(new Date(2026, 0, 5))).toBe('2026-01-05');
  });
});
