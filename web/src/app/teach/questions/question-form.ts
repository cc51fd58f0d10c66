import {
  ChangeDetectionStrategy,
  Component,
  ElementRef,
  Injector,
  OnInit,
  afterNextRender,
  computed,
  inject,
  input,
  output,
  signal,
  viewChild,
} from '@angular/core';
import { FormsModule } from '@angular/forms';
import type { Difficulty, QuestionDto, QuestionKind } from '@lingyan/contracts';
import { QUESTION_LIMITS, blankCount, defaultPoints } from '@lingyan/domain';
import { NzAlertModule } from 'ng-zorro-antd/alert';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzFormModule } from 'ng-zorro-antd/form';
import { NzIconModule } from 'ng-zorro-antd/icon';
import { NzInputModule } from 'ng-zorro-antd/input';
import { NzInputNumberModule } from 'ng-zorro-antd/input-number';
import { NzSegmentedModule } from 'ng-zorro-antd/segmented';
import { NzSelectModule } from 'ng-zorro-antd/select';
import { AppError, toAppError } from '../../core/http/api-error';
import { I18nService } from '../../core/i18n/i18n.service';
import { TPipe } from '../../core/i18n/t.pipe';
import { errorKey } from '../../core/i18n/translation-key';
import {
  DIFFICULTIES,
  QUESTION_KINDS,
  type FieldProblem,
  type QuestionDraft,
  blankTexts,
  difficultyKey,
  draftOf,
  draftProblems,
  emptyDraft,
  isChoice,
  messagesByField,
  nextOptionId,
  optionLetter,
  questionKindKey,
  questionMessage,
  questionRequest,
  splitAnswers,
} from './question-format';
import { QuestionsService } from './questions.service';

/**
 * Adds or edits a question of a course's bank. The form follows the kind: options A–H with the
 * correct one (single) or ones (multiple) ticked, 对/错, one input of accepted answers per blank of
 * the stem (kept in step with the stem as it is typed), or a reference answer for the grader.
 * Problems are those `questionProblems` finds (shown once the trainer tries to save) and the
 * server's `details`, next to their fields.
 */
@Component({
  selector: 'app-question-form',
  imports: [
    FormsModule,
    NzAlertModule,
    NzButtonModule,
    NzFormModule,
    NzIconModule,
    NzInputModule,
    NzInputNumberModule,
    NzSegmentedModule,
    NzSelectModule,
    TPipe,
  ],
  templateUrl: './question-form.html',
  styleUrl: './question-form.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class QuestionForm implements OnInit {
  private readonly questions = inject(QuestionsService);
  private readonly i18n = inject(I18nService);
  private readonly injector = inject(Injector);
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);

  readonly courseId = input.required<string>();
  /** The question to edit, or null to add one. */
  readonly question = input<QuestionDto | null>(null);
  /** Tags already used in the bank, offered in the tag input. */
  readonly knownTags = input<string[]>([]);
  readonly saved = output<QuestionDto>();
  readonly cancelled = output<void>();

  protected readonly limits = QUESTION_LIMITS;
  protected readonly difficulties = DIFFICULTIES;
  protected readonly difficultyKey = difficultyKey;
  protected readonly letter = optionLetter;
  protected readonly errorKey = errorKey;
  protected readonly isChoice = isChoice;
  protected readonly kindOptions = computed(() =>
    QUESTION_KINDS.map((kind) => ({ value: kind, label: this.i18n.t(questionKindKey(kind)) })),
  );
  protected readonly difficultyOptions = computed(() =>
    DIFFICULTIES.map((d) => ({ value: d, label: this.i18n.t(difficultyKey(d)) })),
  );

  protected readonly draft = signal<QuestionDraft>(emptyDraft());
  protected readonly isEdit = computed(() => !!this.question());
  protected readonly blanks = computed(() => blankTexts(this.draft()));
  protected readonly blanksInStem = computed(() => blankCount(this.draft().stem));
  /** Set by the first attempt to save: from then on the problems show, and follow the input. */
  protected readonly submitted = signal(false);
  protected readonly serverProblems = signal<FieldProblem[]>([]);
  protected readonly saving = signal(false);
  protected readonly formError = signal<AppError | null>(null);
  private readonly dirty = signal(false);
  /** The points follow the kind's default until the trainer types their own. */
  private readonly pointsEdited = signal(false);

  private readonly problems = computed(() => draftProblems(this.draft()));
  protected readonly messages = computed(() =>
    messagesByField([...(this.submitted() ? this.problems() : []), ...this.serverProblems()], (field, problem) =>
      questionMessage(this.i18n, field, problem),
    ),
  );

  private readonly stemInput = viewChild<ElementRef<HTMLTextAreaElement>>('stemInput');

  ngOnInit(): void {
    const question = this.question();
    if (question) {
      this.draft.set(draftOf(question));
      this.pointsEdited.set(question.points !== defaultPoints(question.kind));
    }
  }

  isDirty(): boolean {
    return this.dirty();
  }

  /** The messages of these fields, joined (empty: none). */
  protected tip(...fields: string[]): string {
    const messages = this.messages();
    return fields.flatMap((field) => messages[field] ?? []).join('；');
  }

  protected status(...fields: string[]): 'error' | '' {
    return this.tip(...fields) ? 'error' : '';
  }

  /** A blank whose input is still empty, once the trainer tried to save. */
  protected blankEmpty(text: string): boolean {
    return this.submitted() && splitAnswers(text).length === 0;
  }

  protected update(patch: Partial<QuestionDraft>, ...fields: string[]): void {
    this.draft.update((draft) => ({ ...draft, ...patch }));
    this.dirty.set(true);
    if (fields.length > 0) this.serverProblems.update((list) => list.filter((p) => !fields.includes(p.field)));
  }

  protected setKind(kind: QuestionKind): void {
    const points = this.pointsEdited() ? this.draft().points : defaultPoints(kind);
    this.update({ kind, points }, 'key', 'options');
  }

  protected setPoints(points: number | null): void {
    this.pointsEdited.set(true);
    this.update({ points }, 'points');
  }

  protected setDifficulty(difficulty: Difficulty): void {
    this.update({ difficulty });
  }

  // ----- options -----------------------------------------------------------------------------

  protected setOption(index: number, text: string): void {
    const options = this.draft().options.map((o, i) => (i === index ? { ...o, text } : o));
    this.update({ options }, 'options');
  }

  protected addOption(): void {
    const id = nextOptionId(this.draft().options);
    if (!id) return;
    this.update({ options: [...this.draft().options, { id, text: '' }] }, 'options');
    afterNextRender(
      () => {
        const inputs = this.host.nativeElement.querySelectorAll<HTMLInputElement>('[data-testid=option-text]');
        inputs[inputs.length - 1]?.focus();
      },
      { injector: this.injector },
    );
  }

  protected removeOption(id: string): void {
    const draft = this.draft();
    if (draft.options.length <= QUESTION_LIMITS.minOptions) return;
    this.update(
      {
        options: draft.options.filter((o) => o.id !== id),
        single: draft.single === id ? null : draft.single,
        multiple: draft.multiple.filter((m) => m !== id),
      },
      'options',
      'key',
    );
  }

  protected toggleCorrect(id: string, checked: boolean): void {
    const others = this.draft().multiple.filter((m) => m !== id);
    this.update({ multiple: checked ? [...others, id] : others }, 'key');
  }

  // ----- blanks ------------------------------------------------------------------------------

  protected setBlank(index: number, text: string): void {
    const blanks = [...this.draft().blanks];
    while (blanks.length <= index) blanks.push('');
    blanks[index] = text;
    this.update({ blanks }, 'key');
  }

  /** Writes a blank (`___`) at the cursor of the stem. */
  protected insertBlank(): void {
    const element = this.stemInput()?.nativeElement;
    const stem = this.draft().stem;
    const start = element?.selectionStart ?? stem.length;
    const end = element?.selectionEnd ?? stem.length;
    this.update({ stem: `${stem.slice(0, start)}___${stem.slice(end)}` }, 'stem', 'key');
    afterNextRender(
      () => {
        const target = this.stemInput()?.nativeElement;
        target?.focus();
        target?.setSelectionRange(start + 3, start + 3);
      },
      { injector: this.injector },
    );
  }

  // ----- saving ------------------------------------------------------------------------------

  protected submit(): void {
    this.submitted.set(true);
    this.formError.set(null);
    if (this.problems().length > 0) {
      afterNextRender(() => this.revealFirstProblem(), { injector: this.injector });
      return;
    }
    const request = questionRequest(this.draft());
    const existing = this.question();
    const request$ = existing
      ? this.questions.update(existing.id, request)
      : this.questions.create(this.courseId(), request);
    this.saving.set(true);
    request$.subscribe({
      next: (question) => {
        this.saving.set(false);
        this.dirty.set(false);
        this.saved.emit(question);
      },
      error: (err: unknown) => {
        this.saving.set(false);
        const error = toAppError(err);
        this.formError.set(error);
        // "options.0.text" is shown at "options".
        this.serverProblems.set(
          (error.details ?? []).flatMap((d) =>
            d.problems.map((problem) => ({ field: d.field.split('.')[0], problem })),
          ),
        );
      },
    });
  }

  /** Scrolls to the first field with a problem and puts the cursor in it. */
  private revealFirstProblem(): void {
    const item = this.host.nativeElement.querySelector<HTMLElement>('.ant-form-item-has-error, .blank-error');
    item?.scrollIntoView({ block: 'center' });
    item?.querySelector<HTMLElement>('input, textarea')?.focus();
  }
}
