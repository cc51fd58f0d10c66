import type { AssignmentSettings, Rubric } from '@lingyan/contracts';
import { rubricProblems } from '@lingyan/domain';
import {
  NEW_ASSIGNMENT,
  assignmentIsValid,
  assignmentProblems,
  assignmentRequest,
  locateRubricProblems,
  maxCriterionNumber,
} from './rubric-form';

const rubric = (criteria: Rubric['criteria']): Rubric => ({ criteria });

describe('the rubric editor’s rules', () => {
  it('places each problem of rubricProblems on its criterion and level', () => {
    const r = rubric([
      {
        id: 'c1',
        name: '切合村情',
        levels: [
          { label: '好', points: 5 },
          { label: '', points: 2000 },
        ],
      },
      { id: 'c2', name: ' ', levels: [{ label: '好', points: 5 }] },
    ]);
    const located = locateRubricProblems(r, rubricProblems(r));
    expect(located.map(({ kind, criterion, level }) => ({ kind, criterion, level }))).toEqual([
      { kind: 'label', criterion: 0, level: 1 },
      { kind: 'points', criterion: 0, level: 1 },
      { kind: 'name', criterion: 1, level: null },
      { kind: 'fewLevels', criterion: 1, level: null },
    ]);
  });

  it('places problems of criteria without an id by number, and repeated ids on the later one', () => {
    const r = rubric([
      {
        id: 'x',
        name: 'A',
        levels: [
          { label: '1', points: 1 },
          { label: '2', points: 2 },
        ],
      },
      {
        id: 'x',
        name: 'B',
        levels: [
          { label: '1', points: 1 },
          { label: '2', points: 2 },
        ],
      },
      {
        id: '',
        name: '',
        levels: [
          { label: '1', points: 1 },
          { label: '2', points: 2 },
        ],
      },
    ]);
    const located = locateRubricProblems(r, rubricProblems(r));
    expect(located.map(({ kind, criterion }) => [kind, criterion])).toEqual([
      ['id', 1],
      ['id', 2],
      ['name', 2],
    ]);
  });

  it('keeps the rubric-wide problems and anything it cannot place', () => {
    expect(locateRubricProblems(rubric([]), rubricProblems(rubric([])))).toEqual([
      { kind: 'noCriteria', criterion: null, level: null, problem: 'a rubric needs at least one criterion' },
    ]);
    expect(locateRubricProblems(rubric([]), ['something new'])[0].kind).toBe('other');
    expect(locateRubricProblems(rubric([]), ['criterion "gone" needs a name'])[0].kind).toBe('other');
  });

  it('checks the pass mark, the number of files and the due date', () => {
    expect(assignmentIsValid(NEW_ASSIGNMENT)).toBe(true);
    const bad: AssignmentSettings = { ...NEW_ASSIGNMENT, passPercent: Number.NaN, maxFiles: 11, dueAt: 'tomorrow' };
    expect(assignmentProblems(bad)).toMatchObject({ passPercent: true, maxFiles: true, dueAt: true });
    expect(assignmentIsValid(bad)).toBe(false);
  });

  it('sends no empty descriptions', () => {
    const settings: AssignmentSettings = {
      ...NEW_ASSIGNMENT,
      rubric: rubric([
        { id: 'c1', name: 'A', description: '  ', levels: [] },
        { id: 'c2', name: 'B', description: '说明', levels: [] },
      ]),
    };
    expect(assignmentRequest(settings).rubric.criteria).toEqual([
      { id: 'c1', name: 'A', levels: [] },
      { id: 'c2', name: 'B', description: '说明', levels: [] },
    ]);
  });

  it('numbers new criteria above the cN ids in use', () => {
    expect(maxCriterionNumber(NEW_ASSIGNMENT.rubric)).toBe(0);
    expect(
      maxCriterionNumber(
        rubric([
          { id: 'c3', name: '', levels: [] },
          { id: 'c12', name: '', levels: [] },
        ]),
      ),
    ).toBe(12);
  });
});
