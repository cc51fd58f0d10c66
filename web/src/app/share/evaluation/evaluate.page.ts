import { ChangeDetectionStrategy, Component, computed, effect, inject, input, signal, untracked } from '@angular/core';
import { toObservable, toSignal } from '@angular/core/rxjs-interop';
import { FormsModule } from '@angular/forms';
import { RouterLink } from '@angular/router';
import {
  DEFAULT_EVALUATION_RUBRIC,
  type Page,
  type ProgramEvaluationDto,
  type RubricSelection,
  type TraineeEvaluationDto,
} from '@lingyan/contracts';
import { NzAlertModule } from 'ng-zorro-antd/alert';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzEmptyModule } from 'ng-zorro-antd/empty';
import { NzIconModule, provideNzIconsPatch } from 'ng-zorro-antd/icon';
import { NzInputModule } from 'ng-zorro-antd/input';
import { NzPaginationModule } from 'ng-zorro-antd/pagination';
import { NzResultModule } from 'ng-zorro-antd/result';
import { NzSpinModule } from 'ng-zorro-antd/spin';
import { NzTagModule } from 'ng-zorro-antd/tag';
import { catchError, combineLatest, debounceTime, distinctUntilChanged, map, of, startWith, switchMap } from 'rxjs';
import { AuthService } from '../../core/auth/auth.service';
import { toAppError, type AppError } from '../../core/http/api-error';
import { ErrorNotifier } from '../../core/http/error-notifier';
import { I18nService } from '../../core/i18n/i18n.service';
import { TPipe } from '../../core/i18n/t.pipe';
import { errorKey } from '../../core/i18n/translation-key';
import { injectIsPhone } from '../../core/layout/is-phone';
import { formatDate } from '../../learn/learn-format';
import { loading, toLoadState } from '../../learn/load-state';
import { EvaluationApi, type EvaluableTrainee, type EvaluatorRole } from './evaluation-api.service';
import {
  fitSelection,
  formatNumber,
  liveScore,
  ROLE_KEYS,
  rubricMismatch,
  selectionProblems,
} from './evaluation-format';
import { EVALUATION_ICONS } from './evaluation-icons';
import { RubricScorer } from './rubric-scorer';

const PAGE_SIZE = 20;
const COMMENT_MAX = 2000;

/** The program's settings when the evaluator may read them (its owner or an administrator), else null. */
type SettingsState = { status: 'loading' } | { status: 'done'; settings: ProgramEvaluationDto | null };
const SETTINGS_LOADING: SettingsState = { status: 'loading' };

/**
 * `mentor/programs/:id/evaluate` and `teach/programs/:id/evaluate`: the trainees the evaluator may
 * evaluate in a program (a mentor: their mentees; a trainer: everyone enrolled), searchable and marked
 * 已评价 / 未评价, and the rubric form for one of them (a level per criterion, live points, a comment),
 * saved with PUT; the server's problems show next to their criteria. On a phone the list and the form
 * take turns.
 */
@Component({
  selector: 'app-evaluate-page',
  imports: [
    FormsModule,
    RouterLink,
    NzAlertModule,
    NzButtonModule,
    NzEmptyModule,
    NzIconModule,
    NzInputModule,
    NzPaginationModule,
    NzResultModule,
    NzSpinModule,
    NzTagModule,
    TPipe,
    RubricScorer,
  ],
  providers: [provideNzIconsPatch(EVALUATION_ICONS)],
  templateUrl: './evaluate.page.html',
  styleUrl: './evaluate.page.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class EvaluatePage {
  private readonly api = inject(EvaluationApi);
  private readonly auth = inject(AuthService);
  private readonly i18n = inject(I18nService);
  private readonly notifier = inject(ErrorNotifier);

  /** The `:id` route parameter. */
  readonly id = input.required<string>();
  /** The `?trainee=` query parameter: the trainee whose form opens first. */
  readonly trainee = input<string | undefined>();
  private openedFromLink = false;
  /** From the route's data: whose evaluation this is. */
  readonly role = input<EvaluatorRole>('trainer');

  protected readonly isPhone = injectIsPhone();
  protected readonly pageSize = PAGE_SIZE;
  protected readonly commentMax = COMMENT_MAX;
  protected readonly errorKey = errorKey;
  protected readonly roleKey = computed(() => ROLE_KEYS[this.role()]);
  protected readonly formatNumber = formatNumber;

  protected readonly backLink = computed(() =>
    this.role() === 'mentor' ? ['/mentor'] : ['/teach/programs', this.id()],
  );

  // ---- the program's rubric -------------------------------------------------------------------

  private readonly settingsState = toSignal(
    combineLatest([toObservable(this.id), toObservable(this.role)]).pipe(
      switchMap(([id, role]) =>
        role === 'mentor'
          ? of<SettingsState>({ status: 'done', settings: null })
          : this.api.settings(id).pipe(
              map((settings): SettingsState => ({ status: 'done', settings })),
              catchError(() => of<SettingsState>({ status: 'done', settings: null })),
              startWith(SETTINGS_LOADING),
            ),
      ),
    ),
    { initialValue: SETTINGS_LOADING },
  );
  protected readonly settings = computed(() => {
    const state = this.settingsState();
    return state.status === 'done' ? state.settings : null;
  });
  /** The program's rubric, or the usual one when the evaluator may not read the program's settings. */
  protected readonly rubric = computed(() => this.settings()?.rubric ?? DEFAULT_EVALUATION_RUBRIC);
  protected readonly programTitle = computed(() => this.settings()?.programTitle ?? null);
  /** The form waits for the rubric. */
  protected readonly rubricReady = computed(() => this.settingsState().status === 'done');

  // ---- the trainees -----------------------------------------------------------------------------

  protected readonly q = signal('');
  protected readonly page = signal(1);
  private readonly version = signal(0);
  private readonly query = computed(() => ({
    id: this.id(),
    role: this.role(),
    page: this.page(),
    version: this.version(),
  }));
  protected readonly listState = toSignal(
    combineLatest([
      toObservable(this.query),
      toObservable(this.q).pipe(
        map((q) => q.trim()),
        debounceTime(300),
        distinctUntilChanged(),
        startWith(''),
      ),
    ]).pipe(
      switchMap(([query, q]) =>
        toLoadState(
          this.api.evaluable(query.id, { role: query.role, q: q || undefined, page: query.page, limit: PAGE_SIZE }),
        ).pipe(map((state) => ({ state, q }))),
      ),
    ),
    { initialValue: { state: loading<Page<EvaluableTrainee>>(), q: '' } },
  );
  /** Evaluations saved on this page, by trainee id (the list shows them without reloading). */
  private readonly saved = signal<Record<string, TraineeEvaluationDto>>({});
  private readonly lastList = signal<Page<EvaluableTrainee> | null>(null);
  protected readonly list = computed(() => {
    const state = this.listState().state;
    const list = state.status === 'ok' ? state.value : state.status === 'loading' ? this.lastList() : null;
    if (!list) return null;
    const saved = this.saved();
    return { ...list, items: list.items.map((t) => ({ ...t, evaluation: saved[t.traineeId] ?? t.evaluation })) };
  });
  protected readonly listError = computed(() => {
    const state = this.listState().state;
    return state.status === 'error' ? state.error : null;
  });
  protected readonly searching = computed(() => this.q().trim() !== '');
  protected readonly loadingList = computed(() => this.listState().state.status === 'loading');

  // ---- the form ---------------------------------------------------------------------------------

  protected readonly selected = signal<EvaluableTrainee | null>(null);
  protected readonly selection = signal<RubricSelection>({});
  protected readonly comment = signal('');
  protected readonly problems = signal<Record<string, string[]>>({});
  protected readonly showMissing = signal(false);
  protected readonly saving = signal(false);
  protected readonly saveError = signal<AppError | null>(null);
  /** The server named criteria this rubric lacks: the program has a rubric of its own the page cannot read. */
  protected readonly mismatch = signal(false);
  protected readonly dirty = signal(false);

  protected readonly score = computed(() => liveScore(this.rubric(), this.selection()));
  protected readonly complete = computed(() => this.score().missing.length === 0);

  constructor() {
    effect(() => {
      const { state } = this.listState();
      if (state.status !== 'ok') return;
      const wanted = this.trainee();
      const ready = this.settingsState().status === 'done';
      untracked(() => {
        this.lastList.set(state.value);
        // opened from a pairing's page (`?trainee=`): that trainee's form, once the rubric is known
        const match = wanted && ready && !this.openedFromLink && state.value.items.find((t) => t.traineeId === wanted);
        if (match) {
          this.openedFromLink = true;
          this.open(match);
        }
      });
    });
  }

  protected setQ(value: string): void {
    this.q.set(value);
    this.page.set(1);
  }

  protected reload(): void {
    this.version.update((v) => v + 1);
  }

  protected open(trainee: EvaluableTrainee): void {
    this.selected.set(trainee);
    this.selection.set(fitSelection(this.rubric(), trainee.evaluation?.selection ?? {}));
    this.comment.set(trainee.evaluation?.comment ?? '');
    this.problems.set({});
    this.showMissing.set(false);
    this.saveError.set(null);
    this.mismatch.set(false);
    this.dirty.set(false);
  }

  protected close(): void {
    this.selected.set(null);
  }

  protected choose(selection: RubricSelection): void {
    this.selection.set(selection);
    this.dirty.set(true);
    // a criterion chosen again is no longer in question
    this.problems.update((problems) =>
      Object.fromEntries(Object.entries(problems).filter(([id]) => selection[id] === undefined)),
    );
  }

  protected setComment(value: string): void {
    this.comment.set(value);
    this.dirty.set(true);
  }

  protected save(): void {
    const trainee = this.selected();
    if (!trainee || this.saving()) return;
    if (!this.complete()) {
      this.showMissing.set(true);
      return;
    }
    this.saving.set(true);
    this.saveError.set(null);
    this.api
      .evaluate(this.id(), trainee.traineeId, {
        role: this.role(),
        selection: this.selection(),
        comment: this.comment().trim(),
      })
      .subscribe({
        next: (evaluation) => {
          this.saving.set(false);
          this.dirty.set(false);
          this.saved.update((all) => ({ ...all, [trainee.traineeId]: evaluation }));
          this.selected.set({ ...trainee, evaluation });
          this.notifier.showSuccess(this.i18n.t('results.evaluate.saved', { name: trainee.name }));
        },
        error: (error: unknown) => {
          this.saving.set(false);
          const appError = toAppError(error);
          const problems = selectionProblems(appError.details);
          this.problems.set(problems);
          this.mismatch.set(rubricMismatch(this.rubric(), problems));
          this.saveError.set(appError);
        },
      });
  }

  protected date(value: string): string {
    return formatDate(value, this.i18n.lang());
  }

  protected percentOf(evaluation: TraineeEvaluationDto): string {
    return formatNumber(evaluation.percent, 1);
  }
}
