import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { FormsModule } from '@angular/forms';
import { ActivatedRoute, ParamMap, Router, RouterLink } from '@angular/router';
import {
  DEFAULT_PAGE_LIMIT,
  type AuthoredCourseSummary,
  type Page as ListPage,
  type PendingAnswerDto,
} from '@lingyan/contracts';
import { manualPointsProblem } from '@lingyan/domain';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzEmptyModule } from 'ng-zorro-antd/empty';
import { NzFormModule } from 'ng-zorro-antd/form';
import { NzIconModule } from 'ng-zorro-antd/icon';
import { NzInputModule } from 'ng-zorro-antd/input';
import { NzInputNumberModule } from 'ng-zorro-antd/input-number';
import { NzPaginationModule } from 'ng-zorro-antd/pagination';
import { NzSelectModule } from 'ng-zorro-antd/select';
import { NzSpinModule } from 'ng-zorro-antd/spin';
import { NzTabsModule } from 'ng-zorro-antd/tabs';
import { catchError, map, of } from 'rxjs';
import { toAppError } from '../../core/http/api-error';
import { ErrorNotifier } from '../../core/http/error-notifier';
import { pagedList } from '../../core/http/paged-list';
import { I18nService } from '../../core/i18n/i18n.service';
import { TPipe } from '../../core/i18n/t.pipe';
import { errorKey } from '../../core/i18n/translation-key';
import { LoadError } from '../../share/load-error/load-error';
import { SubmissionQueue } from '../assignments/submission-queue';
import { CurriculumService } from '../curriculum.service';
import { GradeResult, QuestionsService } from './questions.service';

/** The practical work (实践作业, the default) or the short answers of quizzes (简答题). */
export type GradingTab = 'work' | 'answers';

interface Filters {
  tab: GradingTab;
  page: number;
  courseId: string | null;
}

function filtersOf(params: ParamMap): Filters {
  const page = Number(params.get('page'));
  return {
    tab: params.get('tab') === 'answers' ? 'answers' : 'work',
    page: Number.isInteger(page) && page > 0 ? page : 1,
    courseId: params.get('courseId') || null,
  };
}

/** The short-answer query while its tab shows (none otherwise: nothing is loaded for it). */
type AnswersQuery = Omit<Filters, 'tab'> | null;

/** What the trainer typed for one answer. */
interface Grading {
  points: number | null;
  comment: string;
  saving: boolean;
  /** Set by the first attempt to submit: from then on a problem with the points shows. */
  tried: boolean;
  error: string | null;
}

const keyOf = (item: PendingAnswerDto) => `${item.attemptId}/${item.questionId}`;
const NEW_GRADING: Grading = { points: null, comment: '', saving: false, tried: false, error: null };

/**
 * The grading queue (批阅), in two tabs (`?tab=`). 实践作业 (the default): the practical work of the
 * trainer's courses, by status, each opening its review with the rubric (`app-submission-queue`).
 * 简答题 (`tab=answers`): short answers of the trainer's courses (every course for an admin)
 * waiting for points, oldest first, filterable by course. Each shows the question, the reference
 * answer and the trainee's answer; points (0 to the question's, in halves) and an optional comment
 * are submitted one answer at a time, and a graded answer leaves the list.
 */
@Component({
  selector: 'app-grading-page',
  imports: [
    DatePipe,
    FormsModule,
    RouterLink,
    NzButtonModule,
    NzEmptyModule,
    NzFormModule,
    NzIconModule,
    NzInputModule,
    NzInputNumberModule,
    NzPaginationModule,
    NzSelectModule,
    NzSpinModule,
    NzTabsModule,
    TPipe,
    LoadError,
    SubmissionQueue,
  ],
  templateUrl: './grading.page.html',
  styleUrl: './grading.page.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class GradingPage {
  private readonly questions = inject(QuestionsService);
  private readonly curriculum = inject(CurriculumService);
  private readonly router = inject(Router);
  private readonly route = inject(ActivatedRoute);
  private readonly notifier = inject(ErrorNotifier);
  private readonly i18n = inject(I18nService);

  protected readonly limit = DEFAULT_PAGE_LIMIT;
  protected readonly keyOf = keyOf;

  protected readonly filters = toSignal(this.route.queryParamMap.pipe(map(filtersOf)), {
    initialValue: filtersOf(this.route.snapshot.queryParamMap),
  });
  /** Courses for the filters (published ones: only they have attempts and work); the queues work without them. */
  protected readonly courses = toSignal(
    this.curriculum.list().pipe(
      map((courses) => courses.filter((c) => c.status !== 'draft')),
      catchError(() => of<AuthoredCourseSummary[]>([])),
    ),
    { initialValue: [] as AuthoredCourseSummary[] },
  );

  private readonly answersQuery = computed<AnswersQuery>(
    () => {
      const { tab, ...query } = this.filters();
      return tab === 'answers' ? query : null;
    },
    { equal: (a, b) => a === b || (!!a && !!b && a.page === b.page && a.courseId === b.courseId) },
  );
  private readonly list = pagedList(this.answersQuery, (f) =>
    f
      ? this.questions.pending({ page: f.page, limit: DEFAULT_PAGE_LIMIT, courseId: f.courseId ?? undefined })
      : of<ListPage<PendingAnswerDto>>({ items: [], total: 0, page: 1, limit: DEFAULT_PAGE_LIMIT }),
  );
  protected readonly page = this.list.page;
  protected readonly loading = this.list.loading;
  protected readonly error = this.list.error;

  /** Answers graded since the page loaded (they leave the list at once). */
  private readonly graded = signal<ReadonlySet<string>>(new Set());
  protected readonly items = computed(() => this.list.items().filter((item) => !this.graded().has(keyOf(item))));
  protected readonly total = computed(() => this.list.total() - (this.list.items().length - this.items().length));
  protected readonly gradings = signal<Record<string, Grading>>({});

  protected grading(item: PendingAnswerDto): Grading {
    return this.gradings()[keyOf(item)] ?? NEW_GRADING;
  }

  protected pointsProblem(item: PendingAnswerDto): string | null {
    const grading = this.grading(item);
    if (!grading.tried) return null;
    if (grading.points === null) return this.i18n.t('questions.grading.pointsRequired');
    return manualPointsProblem(grading.points, item.maxPoints)
      ? this.i18n.t('questions.grading.pointsRange', { max: item.maxPoints })
      : null;
  }

  protected edit(item: PendingAnswerDto, change: Partial<Grading>): void {
    const key = keyOf(item);
    this.gradings.update((all) => ({ ...all, [key]: { ...(all[key] ?? NEW_GRADING), ...change, error: null } }));
  }

  protected setTab(index: number): void {
    const tab: GradingTab = index === 1 ? 'answers' : 'work';
    if (tab === this.filters().tab) return;
    this.navigate({ tab: tab === 'answers' ? tab : null, page: null, status: null, cohortId: null });
  }

  protected setCourse(courseId: string | null): void {
    this.navigate({ courseId: courseId || null, page: null });
  }

  protected setPage(page: number): void {
    this.navigate({ page: page > 1 ? page : null });
  }

  private navigate(params: Record<string, string | number | null>): void {
    void this.router.navigate([], {
      relativeTo: this.route,
      queryParams: params,
      queryParamsHandling: 'merge',
      replaceUrl: true,
    });
  }

  protected retry(): void {
    this.list.reload();
  }

  protected submit(item: PendingAnswerDto): void {
    this.edit(item, { tried: true });
    const grading = this.grading(item);
    if (grading.saving || this.pointsProblem(item)) return;
    this.edit(item, { saving: true });
    const request = { points: grading.points as number, comment: grading.comment.trim() || undefined };
    this.questions.grade(item.attemptId, item.questionId, request).subscribe({
      next: (result) => {
        this.done(item);
        this.notifier.showSuccess(this.gradedMessage(item, result));
      },
      error: (err: unknown) => {
        const error = toAppError(err);
        if (error.error === 'ANSWER_NOT_PENDING') {
          // Graded by someone else meanwhile: it leaves the list too.
          this.done(item);
          this.notifier.showWarning(this.i18n.t(errorKey(error.error)));
          return;
        }
        const detail = error.details?.find((d) => d.field === 'points');
        this.edit(item, {
          saving: false,
          error: detail
            ? this.i18n.t('questions.grading.pointsRange', { max: item.maxPoints })
            : this.i18n.t(errorKey(error.error)),
        });
      },
    });
  }

  private gradedMessage(item: PendingAnswerDto, result: GradeResult): string {
    if (result.remaining > 0) {
      return this.i18n.t('questions.grading.gradedMore', { name: item.traineeName, count: result.remaining });
    }
    return this.i18n.t(result.passed ? 'questions.grading.gradedPassed' : 'questions.grading.gradedFailed', {
      name: item.traineeName,
      percent: result.percent ?? 0,
    });
  }

  /** The answer leaves the list; an emptied page loads the next answers. */
  private done(item: PendingAnswerDto): void {
    const key = keyOf(item);
    this.graded.update((set) => new Set([...set, key]));
    this.gradings.update(({ [key]: _, ...rest }) => rest);
    if (this.items().length === 0 && this.total() > 0) {
      if (this.filters().page > 1) this.setPage(1);
      else this.list.reload();
    }
  }
}
