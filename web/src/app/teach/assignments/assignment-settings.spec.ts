import { TestBed, type ComponentFixture } from '@angular/core/testing';
import type { AssignmentSettings } from '@lingyan/contracts';
import { provideNzIconsTesting } from 'ng-zorro-antd/icon/testing';
import { AssignmentSettingsForm, NEW_ASSIGNMENT } from './assignment-settings';

describe('AssignmentSettingsForm (rubric editor)', () => {
  let fixture: ComponentFixture<AssignmentSettingsForm>;
  let settings: AssignmentSettings;

  const el = () => fixture.nativeElement as HTMLElement;
  const all = (testId: string) => [...el().querySelectorAll<HTMLElement>(`[data-testid="${testId}"]`)];
  const click = (testId: string, index = 0) => {
    all(testId)[index].click();
    fixture.detectChanges();
  };
  const type = async (testId: string, index: number, value: string) => {
    const input = all(testId)[index] as HTMLInputElement;
    input.value = value;
    input.dispatchEvent(new Event('input'));
    fixture.detectChanges();
    await fixture.whenStable();
  };
  const ids = () => settings.rubric.criteria.map((c) => c.id);

  beforeEach(async () => {
    TestBed.configureTestingModule({ imports: [AssignmentSettingsForm], providers: [provideNzIconsTesting()] });
    fixture = TestBed.createComponent(AssignmentSettingsForm);
    settings = NEW_ASSIGNMENT;
    fixture.componentRef.setInput('settings', settings);
    fixture.componentInstance.settings.subscribe((value) => {
      settings = value;
      fixture.componentRef.setInput('settings', value);
    });
    fixture.detectChanges();
    await fixture.whenStable();
  });

  it('shows the criteria and the total points', () => {
    expect(all('criterion')).toHaveLength(2);
    expect(all('rubric-total')[0].textContent).toContain('满分 20 分');
  });

  it('gives new criteria ids c1, c2… never reused, and keeps the id when the name changes', async () => {
    click('criterion-add');
    click('criterion-add');
    expect(ids()).toEqual(['fit', 'feasible', 'c1', 'c2']);
    await type('criterion-name', 3, '群众参与');
    await type('criterion-name', 0, '切合本村实际');
    expect(ids()).toEqual(['fit', 'feasible', 'c1', 'c2']);
    expect(settings.rubric.criteria[0].name).toBe('切合本村实际');
    click('criterion-remove', 3);
    click('criterion-add');
    expect(ids()).toEqual(['fit', 'feasible', 'c1', 'c3']);
    click('criterion-up', 3);
    expect(ids()).toEqual(['fit', 'feasible', 'c3', 'c1']);
  });

  it('shows problems next to their fields, and the total follows the points', async () => {
    click('criterion-add');
    expect(all('criterion-problem')[0].textContent).toContain('请填写评分项名称');
    await type('level-label', 0, '');
    expect(all('level-problem')[0].textContent).toContain('请填写等级名称');
    expect(all('rubric-total')[0].textContent).toContain('满分 30 分');
    click('level-remove', 9);
    expect(all('criterion-levels-problem')[0].textContent).toContain('至少需要 2 个等级');
  });

  it('shows the server’s problems with the rubric on their fields', () => {
    fixture.componentRef.setInput('serverProblems', [
      { field: 'assignment.rubric', problem: 'level 2 of criterion "feasible" needs a label' },
      { field: 'assignment.somethingElse', problem: 'is wrong' },
    ]);
    fixture.detectChanges();
    expect(all('level-problem')).toHaveLength(1);
    expect(all('assignment-problems')[0].textContent).toContain('assignment.somethingElse: is wrong');
  });
});
