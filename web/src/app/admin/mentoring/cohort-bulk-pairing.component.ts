import { NgTemplateOutlet } from '@angular/common';
import {
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  OnInit,
  computed,
  inject,
  input,
  output,
  signal,
} from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { FormsModule } from '@angular/forms';
import {
  MAX_PAGE_LIMIT,
  type CohortSummaryDto,
  type MentorProfileDto,
  type SuggestionReason,
} from '@lingyan/contracts';
import { NzAlertModule } from 'ng-zorro-antd/alert';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzEmptyModule } from 'ng-zorro-antd/empty';
import { NzIconModule } from 'ng-zorro-antd/icon';
import { NzSelectModule } from 'ng-zorro-antd/select';
import { NzSpinModule } from 'ng-zorro-antd/spin';
import { NzTagModule } from 'ng-zorro-antd/tag';
import { catchError, forkJoin, map, of } from 'rxjs';
import { toAppError, type AppError } from '../../core/http/api-error';
import { ErrorNotifier } from '../../core/http/error-notifier';
import { I18nService } from '../../core/i18n/i18n.service';
import { TPipe } from '../../core/i18n/t.pipe';
import { errorKey } from '../../core/i18n/translation-key';
import { injectIsPhone } from '../../core/layout/is-phone';
import { loading, type LoadState } from '../../learn/load-state';
import { LoadError } from '../../share/load-error/load-error';
import { MentoringApi, type CohortProposal } from '../../share/mentoring/mentoring-api.service';
import { reasonsText, titleKey } from '../../share/mentoring/mentoring-format';
import { RegionsService } from '../../share/regions/regions.service';
import {
  bulkRowsOf,
  keptPairs,
  nameRegions,
  unnamedRegionCodes,
  outcomesOf,
  placesLeft,
  type BulkOutcome,
  type BulkRow,
} from './mentoring-admin-format';

/**
 * "整班自动匹配" for a cohort: the platform proposes a mentor for each of the cohort's trainees who has
 * none (respecting places); the administrator reviews the pairs — removes some, or gives a trainee
 * another mentor with a place free — and only "确认保存" saves the kept pairs, each answering saved or
 * why not.
 */
@Component({
  selector: 'app-cohort-bulk-pairing',
  imports: [
    FormsModule,
    NgTemplateOutlet,
    NzAlertModule,
    NzButtonModule,
    NzEmptyModule,
    NzIconModule,
    NzSelectModule,
    NzSpinModule,
    NzTagModule,
    TPipe,
    LoadError,
  ],
  templateUrl: './cohort-bulk-pairing.component.html',
  styleUrl: './cohort-bulk-pairing.component.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class CohortBulkPairing implements OnInit {
  private readonly api = inject(MentoringApi);
  private readonly regions = inject(RegionsService);
  private readonly i18n = inject(I18nService);
  private readonly notifier = inject(ErrorNotifier);
  private readonly destroyRef = inject(DestroyRef);

  readonly cohort = input.required<CohortSummaryDto>();
  /** Pairs were saved (the page's list of who has a mentor changed). */
  readonly saved = output<void>();
  readonly closed = output<void>();

  protected readonly isPhone = injectIsPhone();
  protected readonly titleKey = titleKey;
  protected readonly errorKey = errorKey;

  protected readonly proposal = signal<LoadState<CohortProposal>>(loading());
  protected readonly rows = signal<BulkRow[]>([]);
  /** Every mentor the review can choose from: the proposal's, and the region's first 100 by name. */
  protected readonly mentors = signal<ReadonlyMap<string, MentorProfileDto>>(new Map());
  protected readonly outcomes = signal<ReadonlyMap<string, BulkOutcome> | null>(null);
  protected readonly saving = signal(false);
  protected readonly saveError = signal<AppError | null>(null);
  /** The row whose mentor is being chosen (its trainee). */
  protected readonly editing = signal<string | null>(null);

  protected readonly error = computed(() => {
    const state = this.proposal();
    return state.status === 'error' ? state.error : null;
  });
  protected readonly loaded = computed(() => {
    const state = this.proposal();
    return state.status === 'ok' ? state.value : null;
  });
  protected readonly pairRows = computed(() => this.rows().filter((r) => r.proposed !== null));
  protected readonly unassignedRows = computed(() => this.rows().filter((r) => r.proposed === null));
  protected readonly kept = computed(() => keptPairs(this.rows()));
  /** Places left per mentor with every kept row counted. */
  private readonly left = computed(() => placesLeft(this.mentors(), this.rows()));
  protected readonly anyPlaceLeft = computed(() => [...this.left().values()].some((n) => n > 0));
  protected readonly mentorList = computed(() =>
    [...this.mentors().values()].sort((a, b) => a.name.localeCompare(b.name, 'zh-Hans-CN')),
  );
  protected readonly savedCount = computed(() => {
    const outcomes = this.outcomes();
    return outcomes ? [...outcomes.values()].filter((o) => o.saved).length : 0;
  });

  ngOnInit(): void {
    this.propose();
  }

  /** Asks the platform for pairs (again, after a save: for the trainees still without a mentor). */
  protected propose(): void {
    this.proposal.set(loading());
    this.editing.set(null);
    this.outcomes.set(null);
    this.saveError.set(null);
    forkJoin({
      proposal: this.api.proposeForCohort(this.cohort().id),
      // the list only widens the choice; without it the proposal's own mentors remain
      listed: this.api.mentors({ limit: MAX_PAGE_LIMIT }).pipe(
        map((page) => page.items),
        catchError(() => of([] as MentorProfileDto[])),
      ),
    })
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: ({ proposal, listed }) => {
          const mentors = new Map(listed.map((m) => [m.userId, m]));
          for (const pair of proposal.pairs) mentors.set(pair.mentor.userId, pair.mentor);
          this.mentors.set(mentors);
          this.rows.set(this.named(bulkRowsOf(proposal), new Map()));
          this.proposal.set({ status: 'ok', value: proposal });
          this.fetchRegionNames(proposal);
        },
        error: (err: unknown) => this.proposal.set({ status: 'error', error: toAppError(err) }),
      });
  }

  /** The rows' reasons with the shared regions named, as far as the names are known. */
  private named(rows: BulkRow[], names: ReadonlyMap<string, string>): BulkRow[] {
    return rows.map((row) => {
      const mentor = row.proposed ? this.mentors().get(row.proposed.mentorId) : undefined;
      return row.proposed && mentor
        ? { ...row, proposed: { ...row.proposed, reasons: nameRegions(row.proposed.reasons, mentor, names) } }
        : row;
    });
  }

  /** Names of shared regions above the mentors' own (a township shared by a village mentor and trainee). */
  private fetchRegionNames(proposal: CohortProposal): void {
    const codes = unnamedRegionCodes(proposal);
    if (codes.length === 0) return;
    forkJoin(
      codes.map((code) =>
        this.regions.get(code).pipe(
          map((region): [string, string] => [code, region.name]),
          // without a name the reason reads "同一乡镇（）"; the pair itself is still fine
          catchError(() => of<[string, string]>([code, ''])),
        ),
      ),
    )
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe((entries) => {
        const names = new Map(entries.filter(([, name]) => name !== ''));
        this.rows.update((rows) => this.named(rows, names));
      });
  }

  protected reasons(reasons: readonly SuggestionReason[]): string {
    this.i18n.lang();
    return reasonsText(reasons, (key, params) => this.i18n.t(key, params));
  }

  protected mentorName(id: string | null): string {
    return id ? (this.mentors().get(id)?.name ?? '') : '';
  }

  /** Places the mentor has for this row: the others' kept rows counted, the row's own choice not. */
  protected freeFor(row: BulkRow, mentorId: string): number {
    const own = !row.removed && row.mentorId === mentorId ? 1 : 0;
    return (this.left().get(mentorId) ?? 0) + own;
  }

  protected optionLabel(row: BulkRow, mentor: MentorProfileDto): string {
    const free = this.freeFor(row, mentor.userId);
    return free > 0
      ? this.i18n.t('mentoring-admin.bulk.placesLeft', { name: mentor.name, free })
      : this.i18n.t('mentoring-admin.bulk.full', { name: mentor.name });
  }

  /** Whether the row's mentor is the one the platform proposed (then its score and reasons hold). */
  protected isProposed(row: BulkRow): boolean {
    return row.proposed !== null && row.mentorId === row.proposed.mentorId;
  }

  protected choose(row: BulkRow, mentorId: string | null): void {
    this.update(row, { mentorId, removed: false });
    this.editing.set(null);
  }

  protected toggleRemoved(row: BulkRow): void {
    this.update(row, { removed: !row.removed });
  }

  private update(row: BulkRow, change: Partial<BulkRow>): void {
    this.rows.update((rows) => rows.map((r) => (r.traineeId === row.traineeId ? { ...r, ...change } : r)));
  }

  protected outcomeOf(row: BulkRow): BulkOutcome | null {
    return this.outcomes()?.get(row.traineeId) ?? null;
  }

  protected save(): void {
    const pairs = this.kept();
    if (pairs.length === 0 || this.saving() || this.outcomes()) return;
    this.editing.set(null);
    this.saving.set(true);
    this.saveError.set(null);
    this.api
      .saveCohortPairs(this.cohort().id, pairs)
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: (saved) => {
          this.saving.set(false);
          const outcomes = outcomesOf(saved);
          this.outcomes.set(outcomes);
          const ok = saved.filter((s) => s.error === null).length;
          const failed = saved.length - ok;
          if (failed === 0) {
            this.notifier.showSuccess(this.i18n.t('mentoring-admin.bulk.savedAll', { saved: ok }));
          } else {
            this.notifier.showWarning(this.i18n.t('mentoring-admin.bulk.savedSome', { saved: ok, failed }));
          }
          if (ok > 0) this.saved.emit();
        },
        error: (err: unknown) => {
          this.saving.set(false);
          this.saveError.set(toAppError(err));
        },
      });
  }
}
