// ng-zorro's date picker formats with Angular's locale data for its locale (zh-cn, found as zh); the
// app registers none, as nothing else formats dates with it (English is built in).
import '@angular/common/locales/global/zh';
import {
  ChangeDetectionStrategy,
  Component,
  ElementRef,
  Injector,
  afterNextRender,
  computed,
  inject,
  input,
  model,
} from '@angular/core';
import { FormsModule } from '@angular/forms';
import type { AssignmentSettings, RubricCriterion, RubricLevel } from '@lingyan/contracts';
import { rubricMaxPoints } from '@lingyan/domain';
import { NzAlertModule } from 'ng-zorro-antd/alert';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzDatePickerModule } from 'ng-zorro-antd/date-picker';
import { NzFormModule } from 'ng-zorro-antd/form';
import { NzIconModule } from 'ng-zorro-antd/icon';
import { NzInputModule } from 'ng-zorro-antd/input';
import { NzInputNumberModule } from 'ng-zorro-antd/input-number';
import { I18nService } from '../../core/i18n/i18n.service';
import { TPipe } from '../../core/i18n/t.pipe';
import type { TranslationKey } from '../../core/i18n/translation-key';
import { moveItem } from '../teach-format';
import {
  MAX_FILES,
  MAX_RUBRIC_CRITERIA,
  MAX_RUBRIC_LEVELS,
  NEW_ASSIGNMENT,
  type RubricFieldProblem,
  type RubricProblemKind,
  assignmentIsValid,
  assignmentProblems,
  assignmentRequest,
  locateRubricProblems,
  maxCriterionNumber,
} from './rubric-form';

export { NEW_ASSIGNMENT, assignmentIsValid, assignmentRequest };

/** What an assignment module still lacks before its course can be published (as the server will tell). */
export function assignmentMissing(settings: AssignmentSettings, task: string): TranslationKey[] {
  const missing: TranslationKey[] = [];
  if (!task.trim()) missing.push('teach.problem.assignmentTask');
  if (assignmentProblems(settings).rubric.length > 0) missing.push('teach.problem.assignmentRubric');
  return missing;
}

const PROBLEM_KEYS: Record<Exclude<RubricProblemKind, 'other'>, TranslationKey> = {
  noCriteria: 'assignments.rubricEditor.problem.noCriteria',
  tooManyCriteria: 'assignments.rubricEditor.problem.tooManyCriteria',
  id: 'assignments.rubricEditor.problem.id',
  name: 'assignments.rubricEditor.problem.name',
  fewLevels: 'assignments.rubricEditor.problem.fewLevels',
  tooManyLevels: 'assignments.rubricEditor.problem.tooManyLevels',
  label: 'assignments.rubricEditor.problem.label',
  points: 'assignments.rubricEditor.problem.points',
};

/** Fields whose server problems show next to them; any other `assignment.*` problem shows above. */
const SHOWN_FIELDS = ['assignment.rubric', 'assignment.dueAt', 'assignment.passPercent', 'assignment.maxFiles'];

type LevelMove = -1 | 1;

/**
 * An assignment module's settings, in the module editor (its task is the module's Markdown body,
 * edited there): the due date and time (or none), the pass mark, how many files a trainee may
 * attach, and the rubric — criteria (name, optional description) each with levels (label and
 * points), added, removed and reordered, with the total points live. Problems of the rubric
 * (`rubricProblems`, the server's too) show next to their fields.
 *
 * A new criterion gets the id `cN`, N above every id in use and every id given out here (so an id
 * removed in this session is not given again); renaming a criterion never changes its id, so that
 * the reviews that name it stay right.
 */
@Component({
  selector: 'app-assignment-settings',
  imports: [
    FormsModule,
    NzAlertModule,
    NzButtonModule,
    NzDatePickerModule,
    NzFormModule,
    NzIconModule,
    NzInputModule,
    NzInputNumberModule,
    TPipe,
  ],
  templateUrl: './assignment-settings.html',
  styleUrl: './assignment-settings.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class AssignmentSettingsForm {
  private readonly i18n = inject(I18nService);
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);
  private readonly injector = inject(Injector);

  readonly settings = model.required<AssignmentSettings>();
  readonly readonly = input(false);
  /** Problems the server found with `assignment.*` fields. */
  readonly serverProblems = input<Array<{ field: string; problem: string }>>([]);

  protected readonly maxCriteria = MAX_RUBRIC_CRITERIA;
  protected readonly maxLevels = MAX_RUBRIC_LEVELS;
  protected readonly maxFiles = MAX_FILES;
  /** The highest `cN` given out in this session. */
  private issued = 0;

  protected readonly dueDate = computed(() => {
    const due = this.settings().dueAt;
    return due ? new Date(due) : null;
  });
  protected readonly total = computed(() => {
    const total = rubricMaxPoints(this.settings().rubric);
    return Number.isFinite(total) ? String(Math.round(total * 100) / 100) : '—';
  });
  private readonly problems = computed(() => {
    const settings = this.settings();
    const own = assignmentProblems(settings);
    const server = this.serverProblems();
    const serverRubric = locateRubricProblems(
      settings.rubric,
      server.filter((p) => p.field === 'assignment.rubric').map((p) => p.problem),
    );
    const serverOn = (field: string) => server.some((p) => p.field === `assignment.${field}`);
    return {
      rubric: [...own.rubric, ...serverRubric],
      passPercent: own.passPercent || serverOn('passPercent'),
      maxFiles: own.maxFiles || serverOn('maxFiles'),
      dueAt: own.dueAt || serverOn('dueAt'),
      other: server.filter((p) => !SHOWN_FIELDS.includes(p.field)).map((p) => `${p.field}: ${p.problem}`),
    };
  });
  protected readonly dueProblem = computed(() => this.problems().dueAt);
  protected readonly passProblem = computed(() => this.problems().passPercent);
  protected readonly filesProblem = computed(() => this.problems().maxFiles);
  protected readonly otherProblems = computed(() => this.problems().other);
  /** Problems of the rubric as a whole (no criteria, too many) and those placed nowhere. */
  protected readonly rubricMessages = computed(() =>
    this.problems()
      .rubric.filter((p) => p.criterion === null)
      .map((p) => this.message(p)),
  );

  /** Messages of one criterion's own fields (`name`, `levels`). */
  protected criterionMessages(index: number, field: 'name' | 'levels'): string {
    const kinds: RubricProblemKind[] = field === 'name' ? ['name', 'id'] : ['fewLevels', 'tooManyLevels'];
    return this.unique(
      this.problems()
        .rubric.filter((p) => p.criterion === index && kinds.includes(p.kind))
        .map((p) => this.message(p)),
    );
  }

  /** Messages of one level (its label and points). */
  protected levelMessages(index: number, level: number): string {
    return this.unique(
      this.problems()
        .rubric.filter((p) => p.criterion === index && p.level === level)
        .map((p) => this.message(p)),
    );
  }

  protected levelHas(index: number, level: number, kind: 'label' | 'points'): boolean {
    return this.problems().rubric.some((p) => p.criterion === index && p.level === level && p.kind === kind);
  }

  protected criterionMax(criterion: RubricCriterion): string {
    const max = rubricMaxPoints({ criteria: [criterion] });
    return Number.isFinite(max) ? String(max) : '—';
  }

  // ----- settings --------------------------------------------------------------------------------

  protected patch(change: Partial<AssignmentSettings>): void {
    if (this.readonly()) return;
    this.settings.set({ ...this.settings(), ...change });
  }

  protected setDue(date: Date | null): void {
    this.patch({ dueAt: date ? date.toISOString() : null });
  }

  /** An emptied number is a problem to show, not a 0. */
  protected setNumber(field: 'passPercent' | 'maxFiles', value: number | null): void {
    this.patch({ [field]: value ?? Number.NaN });
  }

  // ----- criteria --------------------------------------------------------------------------------

  private setCriteria(criteria: RubricCriterion[]): void {
    this.patch({ rubric: { criteria } });
  }

  private editCriterion(index: number, change: (criterion: RubricCriterion) => RubricCriterion): void {
    this.setCriteria(this.settings().rubric.criteria.map((c, i) => (i === index ? change(c) : c)));
  }

  protected addCriterion(): void {
    const criteria = this.settings().rubric.criteria;
    if (this.readonly() || criteria.length >= MAX_RUBRIC_CRITERIA) return;
    this.issued = Math.max(this.issued, maxCriterionNumber(this.settings().rubric)) + 1;
    const id = `c${this.issued}`;
    const levels = (['assignments.rubricEditor.defaultLow', 'assignments.rubricEditor.defaultHigh'] as const).map(
      (key, i): RubricLevel => ({ label: this.i18n.t(key), points: i * 10 }),
    );
    this.setCriteria([...criteria, { id, name: '', levels }]);
    afterNextRender(
      () => this.host.nativeElement.querySelector<HTMLInputElement>(`[data-criterion="${id}"]`)?.focus(),
      { injector: this.injector },
    );
  }

  protected removeCriterion(index: number): void {
    this.setCriteria(this.settings().rubric.criteria.filter((_, i) => i !== index));
  }

  protected moveCriterion(index: number, delta: LevelMove): void {
    this.setCriteria(moveItem(this.settings().rubric.criteria, index, index + delta));
  }

  /** The name and description; the id stays what it is. */
  protected setCriterionText(index: number, field: 'name' | 'description', value: string): void {
    this.editCriterion(index, (c) => ({ ...c, [field]: value }));
  }

  // ----- levels ----------------------------------------------------------------------------------

  protected addLevel(index: number): void {
    this.editCriterion(index, (c) => {
      if (c.levels.length >= MAX_RUBRIC_LEVELS) return c;
      const top = c.levels.reduce((max, l) => (Number.isFinite(l.points) ? Math.max(max, l.points) : max), 0);
      return { ...c, levels: [...c.levels, { label: '', points: top + 5 }] };
    });
  }

  protected removeLevel(index: number, level: number): void {
    this.editCriterion(index, (c) => ({ ...c, levels: c.levels.filter((_, i) => i !== level) }));
  }

  protected moveLevel(index: number, level: number, delta: LevelMove): void {
    this.editCriterion(index, (c) => ({ ...c, levels: moveItem(c.levels, level, level + delta) }));
  }

  protected setLevelLabel(index: number, level: number, label: string): void {
    this.editCriterion(index, (c) => ({ ...c, levels: c.levels.map((l, i) => (i === level ? { ...l, label } : l)) }));
  }

  protected setLevelPoints(index: number, level: number, points: number | null): void {
    this.editCriterion(index, (c) => ({
      ...c,
      levels: c.levels.map((l, i) => (i === level ? { ...l, points: points ?? Number.NaN } : l)),
    }));
  }

  // ----- messages --------------------------------------------------------------------------------

  private message(problem: RubricFieldProblem): string {
    if (problem.kind === 'other') return problem.problem;
    return this.i18n.t(PROBLEM_KEYS[problem.kind], {
      max: problem.kind === 'tooManyCriteria' ? MAX_RUBRIC_CRITERIA : MAX_RUBRIC_LEVELS,
    });
  }

  private unique(messages: string[]): string {
    return [...new Set(messages)].join('；');
  }
}
