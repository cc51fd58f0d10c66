import { DEFAULT_EVALUATION_RUBRIC, type ProgramResultDto } from '@lingyan/contracts';
import { absentComponents, bandOf, breakdown, creditsPercent } from './result-format';

function dto(patch: Partial<ProgramResultDto> = {}): ProgramResultDto {
  return {
    programId: 'p',
    programTitle: '考评项目',
    traineeId: 't',
    traineeName: '姜学员',
    formula: {
      weights: { quizzes: 40, practical: 30, mentor: 15, trainer: 15 },
      bands: { excellent: 90, good: 80, pass: 60 },
      creditsRequired: true,
    },
    rubric: DEFAULT_EVALUATION_RUBRIC,
    effectiveWeights: { quizzes: 57.14, practical: 0, mentor: 21.43, trainer: 21.43 },
    result: {
      state: 'pending',
      score: 45.7,
      band: null,
      parts: [
        { component: 'quizzes', weight: 57.14, score: 80, contribution: 45.71 },
        { component: 'practical', weight: 0, score: null, contribution: null },
        { component: 'mentor', weight: 21.43, score: null, contribution: null },
        { component: 'trainer', weight: 21.43, score: null, contribution: null },
      ],
      missing: ['mentor', 'trainer'],
      creditsMet: false,
      bandReason: null,
    },
    items: {
      quizzes: [
        { moduleId: 'q1', title: '测验一', courseTitle: '课程', percent: 100 },
        { moduleId: 'q2', title: '测验二', courseTitle: '课程', percent: null },
      ],
      practical: [],
    },
    evaluations: [],
    earnedCredits: 0.5,
    requiredCredits: 2,
    ...patch,
  };
}

describe('result breakdown', () => {
  it('explains each component’s weight: shared out, received, or as set', () => {
    const rows = breakdown(dto());
    expect(rows.map((r) => [r.component, r.weight, r.note, r.missing])).toEqual([
      ['quizzes', 57.14, 'received', false],
      ['practical', 0, 'absent', false],
      ['mentor', 21.43, 'received', true],
      ['trainer', 21.43, 'received', true],
    ]);
    expect(rows[0].undoneCount).toBe(1);
    expect(absentComponents(rows)).toEqual(['practical']);
  });

  it('marks a component the program does not count, and keeps evaluations by role', () => {
    const evaluation = {
      id: 'e',
      programId: 'p',
      traineeId: 't',
      traineeName: '姜学员',
      evaluatorName: '李卫东',
      selection: {},
      points: 40,
      maxPoints: 40,
      percent: 100,
      comment: '',
      updatedAt: '2026-05-01T00:00:00Z',
    };
    const rows = breakdown(
      dto({
        formula: { ...dto().formula, weights: { quizzes: 50, practical: 50, mentor: 0, trainer: 0 } },
        effectiveWeights: { quizzes: 50, practical: 50, mentor: 0, trainer: 0 },
        evaluations: [
          { ...evaluation, role: 'mentor' },
          { ...evaluation, id: 'f', role: 'trainer' },
        ],
      }),
    );
    expect(rows.map((r) => r.note)).toEqual([null, null, 'unused', 'unused']);
    expect(rows[2].evaluations.map((e) => e.id)).toEqual(['e']);
    expect(rows[3].evaluations.map((e) => e.id)).toEqual(['f']);
  });

  it('gives the band or pending, and the credit-hour share', () => {
    expect(bandOf({ state: 'pending', band: null })).toBe('pending');
    expect(bandOf({ state: 'final', band: 'fail' })).toBe('fail');
    expect(creditsPercent(0.5, 2)).toBe(25);
    expect(creditsPercent(3, 2)).toBe(100);
    expect(creditsPercent(0, 0)).toBe(100);
  });
});
