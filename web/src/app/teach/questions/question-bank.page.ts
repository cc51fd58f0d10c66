import {
  ChangeDetectionStrategy,
  Component,
  computed,
  effect,
  inject,
  input,
  signal,
  untracked,
  viewChild,
} from '@angular/core';
import { takeUntilDestroyed, toObservable, toSignal } from '@angular/core/rxjs-interop';
import { FormsModule } from '@angular/forms';
import { ActivatedRoute, ParamMap, Router, RouterLink } from '@angular/router';
import {
  DEFAULT_PAGE_LIMIT,
  MAX_PAGE_LIMIT,
  type AuthoredCourseDto,
  type Difficulty,
  type QuestionBankSummary,
  type QuestionDto,
  type QuestionKind,
} from '@lingyan/contracts';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzDrawerModule } from 'ng-zorro-antd/drawer';
import { NzEmptyModule } from 'ng-zorro-antd/empty';
import { NzIconModule } from 'ng-zorro-antd/icon';
import { NzInputModule } from 'ng-zorro-antd/input';
import { NzModalModule, NzModalService } from 'ng-zorro-antd/modal';
import { NzPaginationModule } from 'ng-zorro-antd/pagination';
import { NzSelectModule } from 'ng-zorro-antd/select';
import { NzSpinModule } from 'ng-zorro-antd/spin';
import { NzTableModule } from 'ng-zorro-antd/table';
import { NzTagModule } from 'ng-zorro-antd/tag';
import { catchError, debounceTime, distinctUntilChanged, firstValueFrom, map, of, switchMap } from 'rxjs';
import { toAppError } from '../../core/http/api-error';
import { ErrorNotifier } from '../../core/http/error-notifier';
import { pagedList } from '../../core/http/paged-list';
import { I18nService } from '../../core/i18n/i18n.service';
import { TPipe } from '../../core/i18n/t.pipe';
import { errorKey } from '../../core/i18n/translation-key';
import { injectIsPhone } from '../../core/layout/is-phone';
import { LoadError } from '../../share/load-error/load-error';
import { CurriculumService } from '../curriculum.service';
import {
  DIFFICULTIES,
  DIFFICULTY_COLORS,
  KIND_COLORS,
  QUESTION_KINDS,
  difficultyKey,
  questionKindKey,
  stemLine,
} from './question-format';
import { QuestionForm } from './question-form';
import { QuestionSheets } from './question-sheets';
import { QuestionsService } from './questions.service';

interface Filters {
  page: number;
  limit: number;
  q: string;
  kind: QuestionKind | null;
  tag: string | null;
  difficulty: Difficulty | null;
}

function positiveInt(value: string | null, fallback: number, max = Number.MAX_SAFE_INTEGER): number {
  const parsed = Number(value);
  return Number.isInteger(parsed) && parsed > 0 ? Math.min(parsed, max) : fallback;
}

const oneOf = <T extends string>(values: readonly T[], value: string | null): T | null =>
  values.includes(value as T) ? (value as T) : null;

/** The filters live in the URL (`?kind=single&tag=…&page=2`), so that the list can be linked and reloaded. */
function filtersOf(params: ParamMap): Filters {
  return {
    page: positiveInt(params.get('page'), 1),
    limit: positiveInt(params.get('limit'), DEFAULT_PAGE_LIMIT, MAX_PAGE_LIMIT),
    q: params.get('q') ?? '',
    kind: oneOf(QUESTION_KINDS, params.get('kind')),
    tag: params.get('tag') || null,
    difficulty: oneOf(DIFFICULTIES, params.get('difficulty')),
  };
}

type Editing = { question: QuestionDto | null } | null;

/**
 * A course's question bank (题库): the questions, filtered by stem, kind, tag and difficulty and
 * paged by the server, with the bank's counts by kind and tag; add and edit in a drawer, delete
 * after a confirmation. A draft revision shares its live course's bank; a published course's bank
 * can be changed too (attempts keep the questions as they were).
 */
@Component({
  selector: 'app-question-bank-page',
  imports: [
    FormsModule,
    RouterLink,
    NzButtonModule,
    NzDrawerModule,
    NzEmptyModule,
    NzIconModule,
    NzInputModule,
    NzModalModule,
    NzPaginationModule,
    NzSelectModule,
    NzSpinModule,
    NzTableModule,
    NzTagModule,
    TPipe,
    LoadError,
    QuestionForm,
    QuestionSheets,
  ],
  templateUrl: './question-bank.page.html',
  styleUrl: './question-bank.page.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class QuestionBankPage {
  private readonly questions = inject(QuestionsService);
  private readonly curriculum = inject(CurriculumService);
  private readonly router = inject(Router);
  private readonly route = inject(ActivatedRoute);
  private readonly modal = inject(NzModalService);
  private readonly notifier = inject(ErrorNotifier);
  private readonly i18n = inject(I18nService);

  /** The `:id` route parameter (a course, or a draft revision: both show the live course's bank). */
  readonly id = input.required<string>();

  protected readonly kinds = QUESTION_KINDS;
  protected readonly difficulties = DIFFICULTIES;
  protected readonly kindKey = questionKindKey;
  protected readonly difficultyKey = difficultyKey;
  protected readonly kindColors = KIND_COLORS;
  protected readonly difficultyColors = DIFFICULTY_COLORS;
  protected readonly stemLine = stemLine;
  protected readonly errorKey = errorKey;
  protected readonly isPhone = injectIsPhone();

  protected readonly filters = toSignal(this.route.queryParamMap.pipe(map(filtersOf)), {
    initialValue: filtersOf(this.route.snapshot.queryParamMap),
  });
  protected readonly searchText = signal(this.filters().q);
  protected readonly hasFilters = computed(() => {
    const f = this.filters();
    return !!(f.q || f.kind || f.tag || f.difficulty);
  });

  /** The course's title for the heading; the bank works without it. */
  protected readonly course = toSignal(
    toObservable(this.id).pipe(
      switchMap((id) => this.curriculum.get(id).pipe(catchError(() => of<AuthoredCourseDto | null>(null)))),
    ),
    { initialValue: null },
  );
  protected readonly summary = signal<QuestionBankSummary | null>(null);
  protected readonly kindCounts = computed(() => {
    const summary = this.summary();
    return summary
      ? this.kinds.filter((k) => summary.byKind[k]).map((k) => ({ kind: k, count: summary.byKind[k] }))
      : [];
  });
  protected readonly tags = computed(() => this.summary()?.tags.map((t) => t.tag) ?? []);

  private readonly query = computed(() => ({ id: this.id(), ...this.filters() }));
  private readonly list = pagedList(this.query, ({ id, page, limit, q, kind, tag, difficulty }) =>
    this.questions.list(id, {
      page,
      limit,
      q: q || undefined,
      kind: kind ?? undefined,
      tag: tag ?? undefined,
      difficulty: difficulty ?? undefined,
    }),
  );
  protected readonly page = this.list.page;
  protected readonly items = this.list.items;
  protected readonly total = this.list.total;
  protected readonly loading = this.list.loading;
  protected readonly error = this.list.error;

  protected readonly editing = signal<Editing>(null);
  protected readonly drawerTitle = computed(() =>
    this.i18n.t(this.editing()?.question ? 'questions.form.editTitle' : 'questions.form.addTitle'),
  );
  private readonly form = viewChild(QuestionForm);

  constructor() {
    effect(() => {
      const id = this.id();
      untracked(() => this.loadSummary(id));
    });
    toObservable(this.searchText)
      .pipe(
        map((text) => text.trim()),
        debounceTime(350),
        distinctUntilChanged(),
        takeUntilDestroyed(),
      )
      .subscribe((q) => {
        if (q !== this.filters().q) this.navigate({ q: q || null, page: null });
      });
  }

  private loadSummary(id = this.id()): void {
    this.questions.summary(id).subscribe({
      next: (summary) => this.summary.set(summary),
      error: () => this.summary.set(null),
    });
  }

  protected navigate(params: Record<string, string | number | null>): void {
    void this.router.navigate([], {
      relativeTo: this.route,
      queryParams: params,
      queryParamsHandling: 'merge',
      replaceUrl: true,
    });
  }

  protected setFilter(name: 'kind' | 'tag' | 'difficulty', value: string | null): void {
    this.navigate({ [name]: value || null, page: null });
  }

  protected toggleTag(tag: string): void {
    this.setFilter('tag', this.filters().tag === tag ? null : tag);
  }

  protected setPage(page: number): void {
    this.navigate({ page: page > 1 ? page : null });
  }

  protected setLimit(limit: number): void {
    this.navigate({ limit: limit === DEFAULT_PAGE_LIMIT ? null : limit, page: null });
  }

  protected clearFilters(): void {
    this.searchText.set('');
    void this.router.navigate([], { relativeTo: this.route, queryParams: {}, replaceUrl: true });
  }

  protected retry(): void {
    this.list.reload();
    this.loadSummary();
  }

  // ----- editing -----------------------------------------------------------------------------

  protected open(question: QuestionDto | null): void {
    this.editing.set({ question });
  }

  protected closeDrawer(): void {
    if (this.form()?.isDirty()) {
      this.modal.confirm({
        nzTitle: this.i18n.t('questions.form.discardConfirm'),
        nzOkText: this.i18n.t('common.confirm'),
        nzCancelText: this.i18n.t('common.cancel'),
        nzOnOk: () => this.editing.set(null),
      });
      return;
    }
    this.editing.set(null);
  }

  protected saved(): void {
    const added = !this.editing()?.question;
    this.editing.set(null);
    this.notifier.showSuccess(this.i18n.t(added ? 'questions.bank.added' : 'questions.bank.saved'));
    this.list.reload();
    this.loadSummary();
  }

  protected remove(question: QuestionDto): void {
    this.modal.confirm({
      nzTitle: this.i18n.t('questions.bank.deleteConfirm'),
      nzContent: this.i18n.t('questions.bank.deleteText', { stem: stemLine(question.stem).slice(0, 60) }),
      nzOkText: this.i18n.t('questions.bank.delete'),
      nzOkDanger: true,
      nzCancelText: this.i18n.t('common.cancel'),
      nzWrapClassName: 'question-confirm-delete',
      nzOnOk: async () => {
        try {
          await firstValueFrom(this.questions.remove(question.id));
          this.notifier.showSuccess(this.i18n.t('questions.bank.deleted'));
          // The last question of a page: go back a page.
          const filters = this.filters();
          if (this.items().length === 1 && filters.page > 1) this.setPage(filters.page - 1);
          else this.list.reload();
          this.loadSummary();
        } catch (err: unknown) {
          this.notifier.showWarning(this.i18n.t(errorKey(toAppError(err).error)));
        }
      },
    });
  }
}
