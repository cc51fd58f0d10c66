import { FormBuilder } from '@angular/forms';
import { DEFAULT_CREDIT_TABLE, creditTableProblems } from '@lingyan/domain';
import {
  MAX_TIERS,
  addTier,
  buildCreditTableForm,
  creditTableValue,
  removeTier,
  resetCreditTable,
  tierIssues,
  tierRanges,
} from './credit-table';

const fb = () => new FormBuilder().nonNullable;

describe('tierIssues', () => {
  it('finds nothing wrong with the default table', () => {
    expect(tierIssues(DEFAULT_CREDIT_TABLE.tiers)).toEqual({ empty: false, noZero: false, duplicates: [] });
  });

  it('asks for at least one tier', () => {
    expect(tierIssues([]).empty).toBe(true);
  });

  it('asks for a tier that starts at 0 minutes', () => {
    expect(tierIssues([{ minMinutes: 10, credits: 1 }]).noZero).toBe(true);
    expect(tierIssues([{ minMinutes: 0, credits: 1 }]).noZero).toBe(false);
  });

  it('names each start used twice, once', () => {
    const tiers = [
      { minMinutes: 0, credits: 0.25 },
      { minMinutes: 20, credits: 0.5 },
      { minMinutes: 20, credits: 1 },
      { minMinutes: 20, credits: 2 },
      { minMinutes: 5, credits: 1 },
      { minMinutes: 5, credits: 1 },
    ];
    expect(tierIssues(tiers).duplicates).toEqual([5, 20]);
  });

  it('ignores starts not typed yet', () => {
    expect(
      tierIssues([
        { minMinutes: 0, credits: 1 },
        { minMinutes: null, credits: 1 },
      ]),
    ).toEqual({
      empty: false,
      noZero: false,
      duplicates: [],
    });
  });
});

describe('credit table form', () => {
  it('starts on the default table, with the custom tiers disabled and sent as null', () => {
    const form = buildCreditTableForm(fb());
    expect(form.controls.useDefault.value).toBe(true);
    expect(form.controls.tiers.disabled).toBe(true);
    expect(form.valid).toBe(true);
    expect(creditTableValue(form)).toBeNull();
  });

  it('switching the default off offers a copy of the default table to edit', () => {
    const form = buildCreditTableForm(fb());
    form.controls.useDefault.setValue(false);
    expect(form.controls.tiers.enabled).toBe(true);
    expect(form.valid).toBe(true);
    expect(creditTableValue(form)).toEqual({
      tiers: [
        { minMinutes: 0, credits: 0.25 },
        { minMinutes: 15, credits: 0.5 },
        { minMinutes: 30, credits: 1 },
      ],
      passBonus: 0.5,
    });
  });

  it('shows a program’s own table sorted by start, and the switch off', () => {
    const form = buildCreditTableForm(fb(), {
      tiers: [
        { minMinutes: 45, credits: 1.5 },
        { minMinutes: 0, credits: 0.5 },
      ],
      passBonus: 1,
    });
    expect(form.controls.useDefault.value).toBe(false);
    expect(form.controls.tiers.getRawValue().map((t) => t.minMinutes)).toEqual([0, 45]);
    expect(form.controls.passBonus.value).toBe(1);
  });

  it('is invalid without a tier at 0 and valid again once there is one', () => {
    const form = buildCreditTableForm(fb(), { tiers: [{ minMinutes: 0, credits: 1 }], passBonus: 0 });
    form.controls.tiers.at(0).controls.minMinutes.setValue(10);
    expect(form.controls.tiers.hasError('noZeroTier')).toBe(true);
    expect(form.valid).toBe(false);
    form.controls.tiers.at(0).controls.minMinutes.setValue(0);
    expect(form.valid).toBe(true);
  });

  it('is invalid with two tiers starting at the same minute', () => {
    const f = fb();
    const form = buildCreditTableForm(f, { tiers: [{ minMinutes: 0, credits: 1 }], passBonus: 0 });
    addTier(f, form);
    form.controls.tiers.at(1).patchValue({ minMinutes: 0, credits: 2 });
    expect(form.controls.tiers.getError('duplicateStarts')).toEqual([0]);
    expect(form.valid).toBe(false);
  });

  it('checks each number: whole minutes 0–600, credits 0–100 in hundredths, a bonus of 0 or more', () => {
    const form = buildCreditTableForm(fb(), { tiers: [{ minMinutes: 0, credits: 1 }], passBonus: 0 });
    const tier = form.controls.tiers.at(0).controls;
    for (const bad of [-1, 601, 2.5, null]) {
      tier.minMinutes.setValue(bad);
      expect(tier.minMinutes.valid).toBe(false);
    }
    tier.minMinutes.setValue(0);
    for (const bad of [-0.5, 100.5, 0.333, null]) {
      tier.credits.setValue(bad);
      expect(tier.credits.valid).toBe(false);
    }
    tier.credits.setValue(0.25);
    form.controls.passBonus.setValue(-1);
    expect(form.valid).toBe(false);
    form.controls.passBonus.setValue(0);
    expect(form.valid).toBe(true);
  });

  it('ignores a broken custom table while the default is switched on', () => {
    const form = buildCreditTableForm(fb(), { tiers: [{ minMinutes: 0, credits: 1 }], passBonus: 0 });
    form.controls.tiers.at(0).controls.minMinutes.setValue(5);
    expect(form.valid).toBe(false);
    form.controls.useDefault.setValue(true);
    expect(form.valid).toBe(true);
    expect(creditTableValue(form)).toBeNull();
  });

  it('adds a tier 15 minutes after the longest one, up to the limit, and removes tiers', () => {
    const f = fb();
    const form = buildCreditTableForm(f, { tiers: [{ minMinutes: 0, credits: 1 }], passBonus: 0 });
    expect(addTier(f, form)).toBe(true);
    expect(form.controls.tiers.at(1).controls.minMinutes.value).toBe(15);
    expect(form.controls.tiers.at(1).controls.credits.value).toBeNull();
    expect(form.dirty).toBe(true);
    while (form.controls.tiers.length < MAX_TIERS) addTier(f, form);
    expect(addTier(f, form)).toBe(false);
    removeTier(form, 1);
    expect(form.controls.tiers.length).toBe(MAX_TIERS - 1);
  });

  it('does not add tiers while the default table applies', () => {
    const f = fb();
    const form = buildCreditTableForm(f);
    expect(addTier(f, form)).toBe(false);
  });

  it('sends what the server accepts', () => {
    const f = fb();
    const form = buildCreditTableForm(f, {
      tiers: [
        { minMinutes: 0, credits: 0.5 },
        { minMinutes: 40, credits: 2 },
      ],
      passBonus: 0.25,
    });
    const value = creditTableValue(form);
    expect(value).not.toBeNull();
    if (value) expect(creditTableProblems(value)).toEqual([]);
  });

  it('resets to another table', () => {
    const f = fb();
    const form = buildCreditTableForm(f, { tiers: [{ minMinutes: 0, credits: 1 }], passBonus: 0 });
    resetCreditTable(f, form, null);
    expect(form.controls.useDefault.value).toBe(true);
    expect(form.controls.tiers.disabled).toBe(true);
    expect(form.controls.tiers.length).toBe(3);
    expect(form.pristine).toBe(true);
  });
});

describe('tierRanges', () => {
  it('reads the default table as ranges, shortest first', () => {
    expect(tierRanges(DEFAULT_CREDIT_TABLE.tiers)).toEqual([
      { fromMinutes: 0, toMinutes: 15, credits: 0.25 },
      { fromMinutes: 15, toMinutes: 30, credits: 0.5 },
      { fromMinutes: 30, toMinutes: null, credits: 1 },
    ]);
  });

  it('skips rows not filled in and repeated starts', () => {
    expect(
      tierRanges([
        { minMinutes: 20, credits: 1 },
        { minMinutes: 0, credits: null },
        { minMinutes: 20, credits: 2 },
      ]),
    ).toEqual([{ fromMinutes: 20, toMinutes: null, credits: 1 }]);
  });
});
