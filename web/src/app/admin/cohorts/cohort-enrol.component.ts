import {
  ChangeDetectionStrategy,
  Component,
  computed,
  inject,
  input,
  linkedSignal,
  output,
  signal,
} from '@angular/core';
import { takeUntilDestroyed, toObservable, toSignal } from '@angular/core/rxjs-interop';
import { FormsModule } from '@angular/forms';
import {
  POSITIONS,
  type CohortDto,
  type EnrolUsersResponse,
  type JobDto,
  type Position,
  type UserDto,
} from '@lingyan/contracts';
import { NzAlertModule } from 'ng-zorro-antd/alert';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzCheckboxModule } from 'ng-zorro-antd/checkbox';
import { NzFormModule } from 'ng-zorro-antd/form';
import { NzIconModule } from 'ng-zorro-antd/icon';
import { NzSelectModule } from 'ng-zorro-antd/select';
import { catchError, debounceTime, distinctUntilChanged, map, of, switchMap, tap } from 'rxjs';
import { AuthService } from '../../core/auth/auth.service';
import { I18nService } from '../../core/i18n/i18n.service';
import { TPipe } from '../../core/i18n/t.pipe';
import { positionKey } from '../../core/i18n/translation-key';
import { RegionPicker } from '../../share/regions/region-picker';
import { UsersService } from '../users/users.service';
import { isJobActive, isoDate } from './cohort-format';
import { CohortsService } from './cohorts.service';
import { JobProgressComponent } from './job-progress.component';

interface TraineeOption {
  id: string;
  label: string;
}

/** The deeper of two nested region codes (codes grow by level: 33 → 3301 → 330127 …). */
function deeper(a: string, b: string): string {
  return a.startsWith(b) ? a : b;
}

/**
 * Enrols trainees in a cohort: chosen people (searched among the admin's trainees), or everyone who
 * holds some positions in a region (a background job with its progress).
 */
@Component({
  selector: 'app-cohort-enrol',
  imports: [
    FormsModule,
    NzAlertModule,
    NzButtonModule,
    NzCheckboxModule,
    NzFormModule,
    NzIconModule,
    NzSelectModule,
    TPipe,
    RegionPicker,
    JobProgressComponent,
  ],
  templateUrl: './cohort-enrol.component.html',
  styleUrl: './cohort-enrol.component.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class CohortEnrolComponent {
  private readonly cohorts = inject(CohortsService);
  private readonly users = inject(UsersService);
  private readonly auth = inject(AuthService);
  private readonly i18n = inject(I18nService);

  readonly cohort = input.required<CohortDto>();
  /** After trainees were enrolled (the counts changed). */
  readonly changed = output<void>();

  protected readonly closed = computed(() => isoDate(new Date()) > this.cohort().enrolUntil);
  /** Where the admin may enrol: their own region within the cohort's. */
  private readonly scope = computed(() => deeper(this.auth.user()?.region.code ?? '', this.cohort().region.code));

  // ---- individuals
  protected readonly query = signal('');
  protected readonly searching = signal(false);
  protected readonly chosen = signal<TraineeOption[]>([]);
  protected readonly chosenIds = computed(() => this.chosen().map((o) => o.id));
  private readonly hits = toSignal(
    toObservable(this.query).pipe(
      map((q) => q.trim()),
      debounceTime(300),
      distinctUntilChanged(),
      tap(() => this.searching.set(true)),
      switchMap((q) =>
        this.users
          .list({ role: 'trainee', q: q || undefined, regionCode: this.scope() || undefined, active: true, limit: 20 })
          .pipe(
            map((page) => page.items),
            catchError(() => of<UserDto[]>([])),
          ),
      ),
      tap(() => this.searching.set(false)),
    ),
    { initialValue: [] as UserDto[] },
  );
  protected readonly options = computed((): TraineeOption[] => {
    const seen = new Set(this.chosenIds());
    const found = this.hits()
      .filter((u) => !seen.has(u.id))
      .map((u) => ({
        id: u.id,
        label: `${u.name}（${u.phone ?? u.username} · ${u.region.label || u.region.name}）`,
      }));
    return [...this.chosen(), ...found];
  });
  protected readonly enrolling = signal(false);
  protected readonly enrolResult = signal<EnrolUsersResponse | null>(null);

  // ---- by rule
  protected readonly positionOptions = computed(() =>
    POSITIONS.map((p) => ({ label: this.i18n.t(positionKey(p)), value: p })),
  );
  protected readonly positions = signal<Position[]>([]);
  /** Defaults to everything the admin may enrol in. */
  protected readonly ruleRegion = linkedSignal<string | null>(() => this.scope() || null);
  protected readonly ruleTouched = signal(false);
  protected readonly starting = signal(false);
  protected readonly ruleJob = signal<JobDto | null>(null);

  constructor() {
    // Reattach to a rule enrolment still running (the page may have been left and revisited).
    toObservable(computed(() => this.cohort().id))
      .pipe(
        distinctUntilChanged(),
        switchMap((id) => this.cohorts.jobs(id).pipe(catchError(() => of<JobDto[]>([])))),
        takeUntilDestroyed(),
      )
      .subscribe((jobs) => {
        const running = jobs.find((j) => j.kind === 'enrol_rule' && isJobActive(j.status));
        if (running && !this.ruleJob()) this.ruleJob.set(running);
      });
  }

  protected chose(ids: string[]): void {
    const known = new Map(this.options().map((o) => [o.id, o]));
    this.chosen.set(ids.map((id) => known.get(id)).filter((o): o is TraineeOption => !!o));
  }

  protected enrolChosen(): void {
    const ids = this.chosenIds();
    if (ids.length === 0) return;
    this.enrolling.set(true);
    this.enrolResult.set(null);
    this.cohorts.enrol(this.cohort().id, ids).subscribe({
      next: (result) => {
        this.enrolling.set(false);
        this.enrolResult.set(result);
        this.chosen.set([]);
        if (result.enrolled > 0) this.changed.emit();
      },
      error: () => this.enrolling.set(false),
    });
  }

  protected startRule(): void {
    this.ruleTouched.set(true);
    const regionCode = this.ruleRegion();
    if (this.positions().length === 0 || !regionCode) return;
    this.starting.set(true);
    this.cohorts.enrolByRule(this.cohort().id, { positions: this.positions(), regionCode }).subscribe({
      next: (job) => {
        this.starting.set(false);
        this.ruleJob.set(job);
      },
      error: () => this.starting.set(false),
    });
  }

  protected ruleJobChanged(job: JobDto): void {
    this.ruleJob.set(job);
    if (job.status === 'succeeded') this.changed.emit();
  }

  protected newRule(): void {
    this.ruleJob.set(null);
    this.ruleTouched.set(false);
  }
}
