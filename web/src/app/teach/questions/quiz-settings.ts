import { ChangeDetectionStrategy, Component, OnInit, computed, inject, input, model, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { RouterLink } from '@angular/router';
import {
  DEFAULT_QUIZ_SETTINGS,
  type Difficulty,
  type DrawRule,
  type QuestionDto,
  type QuestionKind,
  type QuizSettings,
} from '@lingyan/contracts';
import { QUIZ_LIMITS, drawShortfall, matchesRule, quizSettingsProblems } from '@lingyan/domain';
import { NzAlertModule } from 'ng-zorro-antd/alert';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzFormModule } from 'ng-zorro-antd/form';
import { NzIconModule } from 'ng-zorro-antd/icon';
import { NzInputNumberModule } from 'ng-zorro-antd/input-number';
import { NzModalModule } from 'ng-zorro-antd/modal';
import { NzSegmentedModule } from 'ng-zorro-antd/segmented';
import { NzSelectModule } from 'ng-zorro-antd/select';
import { NzSpinModule } from 'ng-zorro-antd/spin';
import { NzSwitchModule } from 'ng-zorro-antd/switch';
import { NzTagModule } from 'ng-zorro-antd/tag';
import { AppError, toAppError } from '../../core/http/api-error';
import { I18nService } from '../../core/i18n/i18n.service';
import { TPipe } from '../../core/i18n/t.pipe';
import { errorKey } from '../../core/i18n/translation-key';
import { injectIsPhone } from '../../core/layout/is-phone';
import { moveItem } from '../teach-format';
import {
  DIFFICULTIES,
  KIND_COLORS,
  QUESTION_KINDS,
  type FieldProblem,
  difficultyKey,
  messagesByField,
  questionKindKey,
  quizIsEmpty,
  quizMessage,
  quizRequest,
  stemLine,
} from './question-format';
import { QuestionPicker } from './question-picker';
import { QuestionsService } from './questions.service';

export { quizIsEmpty, quizRequest };

/** A new quiz's settings. */
export const NEW_QUIZ: QuizSettings = DEFAULT_QUIZ_SETTINGS;

/** Problems of the settings as they will be sent (the module editor does not save while there are any). */
export const quizProblems = (settings: QuizSettings): FieldProblem[] => quizSettingsProblems(quizRequest(settings));

interface RuleChange {
  count?: number | null;
  kind?: QuestionKind | null;
  tag?: string | null;
  difficulty?: Difficulty | null;
}

type BankState =
  | { status: 'loading' }
  | { status: 'ok'; questions: QuestionDto[] }
  | { status: 'error'; error: AppError };

/** Fields shown with their own messages; problems of any other `quiz.*` field show above the form. */
const SHOWN_FIELDS = [
  'quiz.questionIds',
  'quiz.rules',
  'quiz.timeLimitMinutes',
  'quiz.maxAttempts',
  'quiz.passPercent',
];

/**
 * A quiz module's settings, in the module editor: fixed questions picked from the course's bank (in
 * order, reorderable) or a random draw by rules (each showing how many bank questions match it),
 * shuffling, time limit, attempts, pass mark and which attempt counts. The bank is loaded whole,
 * so that matches and shortfalls are counted as the server will.
 */
@Component({
  selector: 'app-quiz-settings',
  imports: [
    FormsModule,
    RouterLink,
    NzAlertModule,
    NzButtonModule,
    NzFormModule,
    NzIconModule,
    NzInputNumberModule,
    NzModalModule,
    NzSegmentedModule,
    NzSelectModule,
    NzSpinModule,
    NzSwitchModule,
    NzTagModule,
    TPipe,
    QuestionPicker,
  ],
  templateUrl: './quiz-settings.html',
  styleUrl: './quiz-settings.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class QuizSettingsForm implements OnInit {
  private readonly questions = inject(QuestionsService);
  private readonly i18n = inject(I18nService);

  /** The course (or draft revision) whose bank the questions come from. */
  readonly courseId = input.required<string>();
  readonly settings = model.required<QuizSettings>();
  readonly readonly = input(false);
  /** Problems the server found with `quiz.*` fields. */
  readonly serverProblems = input<FieldProblem[]>([]);

  protected readonly limits = QUIZ_LIMITS;
  protected readonly kinds = QUESTION_KINDS;
  protected readonly difficulties = DIFFICULTIES;
  protected readonly kindKey = questionKindKey;
  protected readonly difficultyKey = difficultyKey;
  protected readonly kindColors = KIND_COLORS;
  protected readonly stemLine = stemLine;
  protected readonly errorKey = errorKey;
  protected readonly isPhone = injectIsPhone();
  protected readonly selectionOptions = computed(() => [
    { value: 'fixed', label: this.i18n.t('questions.quiz.fixed') },
    { value: 'random', label: this.i18n.t('questions.quiz.random') },
  ]);
  protected readonly scoringOptions = computed(() => [
    { value: 'best', label: this.i18n.t('questions.quiz.best') },
    { value: 'last', label: this.i18n.t('questions.quiz.last') },
  ]);

  protected readonly bankState = signal<BankState>({ status: 'loading' });
  protected readonly bank = computed(() => {
    const state = this.bankState();
    return state.status === 'ok' ? state.questions : [];
  });
  protected readonly bankError = computed(() => {
    const state = this.bankState();
    return state.status === 'error' ? state.error : null;
  });
  private readonly byId = computed(() => new Map(this.bank().map((q) => [q.id, q])));
  protected readonly bankTags = computed(() => [...new Set(this.bank().flatMap((q) => q.tags))].sort());

  /** The chosen questions in order; null where a question is no longer in the bank. */
  protected readonly chosen = computed(() =>
    this.settings().questionIds.map((id) => ({ id, question: this.byId().get(id) ?? null })),
  );
  protected readonly chosenPoints = computed(() =>
    this.chosen().reduce((sum, c) => sum + (c.question?.points ?? 0), 0),
  );
  protected readonly missingCount = computed(() =>
    this.bankState().status === 'ok' ? this.chosen().filter((c) => !c.question).length : 0,
  );
  protected readonly rules = computed(() =>
    this.settings().rules.map((rule) => ({ rule, matches: this.bank().filter((q) => matchesRule(q, rule)).length })),
  );
  protected readonly drawCount = computed(() => this.settings().rules.reduce((sum, r) => sum + (r.count || 0), 0));
  /** How many questions the bank lacks for all the rules together (0 while it loads). */
  protected readonly shortfall = computed(() =>
    this.bankState().status === 'ok' ? drawShortfall(this.bank(), this.settings().rules) : 0,
  );
  protected readonly empty = computed(() => quizIsEmpty(this.settings()));

  private readonly problems = computed(() => [...quizProblems(this.settings()), ...this.serverProblems()]);
  protected readonly messages = computed(() =>
    messagesByField(this.problems(), (field, problem) => quizMessage(this.i18n, field, problem)),
  );
  protected readonly otherMessages = computed(() =>
    Object.entries(this.messages())
      .filter(([field]) => !SHOWN_FIELDS.includes(field))
      .flatMap(([, list]) => list),
  );

  protected readonly pickerOpen = signal(false);
  protected readonly pickerSelection = signal<string[]>([]);

  ngOnInit(): void {
    this.loadBank();
  }

  protected loadBank(): void {
    this.bankState.set({ status: 'loading' });
    this.questions.bank(this.courseId()).subscribe({
      next: (questions) => this.bankState.set({ status: 'ok', questions }),
      error: (err: unknown) => this.bankState.set({ status: 'error', error: toAppError(err) }),
    });
  }

  protected tip(field: string): string {
    return (this.messages()[`quiz.${field}`] ?? []).join('；');
  }

  protected patch(change: Partial<QuizSettings>): void {
    if (this.readonly()) return;
    this.settings.set({ ...this.settings(), ...change });
  }

  /** An emptied pass mark is a problem to show, not a 0. */
  protected setPassPercent(value: number | null): void {
    this.patch({ passPercent: value ?? Number.NaN });
  }

  // ----- fixed questions ---------------------------------------------------------------------

  protected openPicker(): void {
    this.pickerSelection.set([...this.settings().questionIds]);
    this.pickerOpen.set(true);
  }

  protected confirmPicker(): void {
    this.patch({ questionIds: this.pickerSelection() });
    this.pickerOpen.set(false);
  }

  protected moveQuestion(index: number, delta: -1 | 1): void {
    this.patch({ questionIds: moveItem(this.settings().questionIds, index, index + delta) });
  }

  protected removeQuestion(id: string): void {
    this.patch({ questionIds: this.settings().questionIds.filter((q) => q !== id) });
  }

  // ----- draw rules --------------------------------------------------------------------------

  protected addRule(): void {
    if (this.settings().rules.length >= QUIZ_LIMITS.rules) return;
    this.patch({ rules: [...this.settings().rules, { count: 5 }] });
  }

  /** Changes a rule; an emptied filter (kind, tag or difficulty) means "any". */
  protected setRule(index: number, change: RuleChange): void {
    const rules = this.settings().rules.map((rule, i): DrawRule => {
      if (i !== index) return rule;
      const merged = { ...rule, ...change };
      return {
        count: merged.count ?? 0,
        ...(merged.kind ? { kind: merged.kind } : {}),
        ...(merged.tag ? { tag: merged.tag } : {}),
        ...(merged.difficulty ? { difficulty: merged.difficulty } : {}),
      };
    });
    this.patch({ rules });
  }

  protected removeRule(index: number): void {
    this.patch({ rules: this.settings().rules.filter((_, i) => i !== index) });
  }
}
