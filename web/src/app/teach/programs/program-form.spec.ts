import { FormBuilder } from '@angular/forms';
import type { ProgramDto } from '@lingyan/contracts';
import {
  applyProgramServerDetails,
  buildProgramForm,
  controlForField,
  programRequest,
  resetProgramForm,
  setProgramFormEnabled,
} from './program-form';

const fb = () => new FormBuilder().nonNullable;
const today = new Date(2026, 2, 1);

function filled() {
  const form = buildProgramForm(fb(), today);
  form.patchValue({
    title: '  2026 年村党组织书记轮训 ',
    kind: 'rotation',
    requiredCredits: 24,
    startsOn: '2026-03-01',
    endsOn: '2026-06-30',
  });
  return form;
}

const program: ProgramDto = {
  id: 'p1',
  title: '示范班',
  description: '说明',
  year: 2026,
  kind: 'provincial_class',
  status: 'draft',
  requiredCredits: 12.5,
  startsOn: '2026-04-01',
  endsOn: '2026-04-30',
  courseCount: 0,
  enrolledCount: 0,
  ownerName: '陈雅琴',
  updatedAt: '2026-03-01T00:00:00Z',
  creditTable: { tiers: [{ minMinutes: 0, credits: 1 }], passBonus: 0 },
  courses: [],
  requiredCourseCredits: 0,
  totalCourseCredits: 0,
};

describe('program form', () => {
  it('starts with this year and today, and needs a title, kind, credits and an end date', () => {
    const form = buildProgramForm(fb(), today);
    expect(form.controls.year.value).toBe(2026);
    expect(form.controls.startsOn.value).toBe('2026-03-01');
    expect(form.valid).toBe(false);
    expect(
      Object.entries(form.controls)
        .filter(([, c]) => c.invalid)
        .map(([k]) => k),
    ).toEqual(['title', 'kind', 'requiredCredits', 'endsOn']);
  });

  it('builds the request: trimmed title, the default table as null', () => {
    const form = filled();
    expect(form.valid).toBe(true);
    expect(programRequest(form)).toEqual({
      title: '2026 年村党组织书记轮训',
      description: '',
      year: 2026,
      kind: 'rotation',
      requiredCredits: 24,
      startsOn: '2026-03-01',
      endsOn: '2026-06-30',
      creditTable: null,
    });
  });

  it('takes required credits in half hours only', () => {
    const form = filled();
    for (const bad of [0, 0.25, 24.3, 1000.5]) {
      form.controls.requiredCredits.setValue(bad);
      expect(form.controls.requiredCredits.valid).toBe(false);
    }
    form.controls.requiredCredits.setValue(24.5);
    expect(form.controls.requiredCredits.valid).toBe(true);
  });

  it('refuses an end before the start, also when the start moves past the end', () => {
    const form = filled();
    form.controls.endsOn.setValue('2026-02-28');
    expect(form.controls.endsOn.hasError('endsBeforeStart')).toBe(true);
    form.controls.endsOn.setValue('2026-03-01');
    expect(form.controls.endsOn.valid).toBe(true);
    form.controls.startsOn.setValue('2026-03-02');
    expect(form.controls.endsOn.hasError('endsBeforeStart')).toBe(true);
    expect(form.controls.endsOn.touched).toBe(true);
  });

  it('loads a program, custom table included, as a pristine form', () => {
    const form = buildProgramForm(fb(), today);
    resetProgramForm(fb(), form, program);
    expect(form.pristine).toBe(true);
    expect(form.valid).toBe(true);
    expect(programRequest(form)).toMatchObject({
      kind: 'provincial_class',
      requiredCredits: 12.5,
      creditTable: { tiers: [{ minMinutes: 0, credits: 1 }], passBonus: 0 },
    });
  });

  it('keeps the custom table disabled under the default after re-enabling', () => {
    const form = filled();
    setProgramFormEnabled(form, false);
    expect(form.disabled).toBe(true);
    setProgramFormEnabled(form, true);
    expect(form.controls.title.enabled).toBe(true);
    expect(form.controls.credit.controls.tiers.disabled).toBe(true);
  });

  it('puts server details on the fields they name, tiers included, and returns the rest', () => {
    const form = buildProgramForm(fb(), today);
    resetProgramForm(fb(), form, program);
    expect(controlForField(form, 'creditTable.tiers.0.credits')).toBe(
      form.controls.credit.controls.tiers.at(0).controls.credits,
    );
    expect(controlForField(form, 'creditTable')).toBe(form.controls.credit.controls.tiers);
    const unplaced = applyProgramServerDetails(form, {
      statusCode: 400,
      error: 'VALIDATION_FAILED',
      message: 'bad',
      details: [
        { field: 'endsOn', problems: ['endsOn must not be before startsOn'] },
        { field: 'creditTable.tiers.0.credits', problems: ['too many'] },
        { field: 'somethingElse', problems: ['odd'] },
      ],
    });
    expect(form.controls.endsOn.getError('server')).toBe('endsOn must not be before startsOn');
    expect(form.controls.credit.controls.tiers.at(0).controls.credits.getError('server')).toBe('too many');
    expect(unplaced).toEqual(['somethingElse: odd']);
  });
});
