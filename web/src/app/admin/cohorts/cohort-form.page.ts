import { ChangeDetectionStrategy, Component, OnInit, computed, inject, input, signal } from '@angular/core';
import { takeUntilDestroyed, toObservable, toSignal } from '@angular/core/rxjs-interop';
import { AbstractControl, NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { Router, RouterLink } from '@angular/router';
import type {
  CohortDto,
  CohortProgramOption,
  CreateCohortRequest,
  UpdateCohortRequest,
  UserDto,
} from '@lingyan/contracts';
import { NzAlertModule } from 'ng-zorro-antd/alert';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzFormModule } from 'ng-zorro-antd/form';
import { NzIconModule } from 'ng-zorro-antd/icon';
import { NzInputModule } from 'ng-zorro-antd/input';
import { NzResultModule } from 'ng-zorro-antd/result';
import { NzSelectModule } from 'ng-zorro-antd/select';
import { NzSpinModule } from 'ng-zorro-antd/spin';
import { Subject, catchError, debounceTime, distinctUntilChanged, map, merge, of, startWith, switchMap } from 'rxjs';
import { AuthService } from '../../core/auth/auth.service';
import { AppError, toAppError } from '../../core/http/api-error';
import { ErrorNotifier } from '../../core/http/error-notifier';
import { I18nService } from '../../core/i18n/i18n.service';
import { TPipe } from '../../core/i18n/t.pipe';
import { TranslationKey, errorKey } from '../../core/i18n/translation-key';
import { RegionPicker } from '../../share/regions/region-picker';
import { UsersService } from '../users/users.service';
import { programKindKey } from './cohort-format';
import { DATE_FIELDS, dateOrderValidator } from './cohort-form.validators';
import { CohortsService } from './cohorts.service';

type FieldName = 'programId' | 'name' | 'regionCode' | 'startsOn' | 'endsOn' | 'enrolUntil' | 'dueOn' | 'adminIds';
const FIELDS: readonly FieldName[] = [
  'programId',
  'name',
  'regionCode',
  'startsOn',
  'endsOn',
  'enrolUntil',
  'dueOn',
  'adminIds',
];

type LoadState = { status: 'loading' } | { status: 'ready' } | { status: 'error'; error: AppError };

interface AdminOption {
  id: string;
  label: string;
}

/** `/admin/cohorts/new` and `/admin/cohorts/:id/edit`. Program and region are fixed once the cohort exists. */
@Component({
  selector: 'app-cohort-form-page',
  imports: [
    ReactiveFormsModule,
    RouterLink,
    NzAlertModule,
    NzButtonModule,
    NzFormModule,
    NzIconModule,
    NzInputModule,
    NzResultModule,
    NzSelectModule,
    NzSpinModule,
    TPipe,
    RegionPicker,
  ],
  templateUrl: './cohort-form.page.html',
  styleUrl: './cohort-form.page.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class CohortFormPage implements OnInit {
  private readonly cohorts = inject(CohortsService);
  private readonly users = inject(UsersService);
  private readonly router = inject(Router);
  private readonly i18n = inject(I18nService);
  private readonly notifier = inject(ErrorNotifier);
  private readonly auth = inject(AuthService);

  /** The `:id` route parameter (absent on /admin/cohorts/new). */
  readonly id = input<string | undefined>(undefined);
  protected readonly isEdit = computed(() => !!this.id());
  protected readonly errorKey = errorKey;
  protected readonly kindKey = programKindKey;

  protected readonly form = inject(NonNullableFormBuilder).group({
    programId: [null as string | null, [Validators.required]],
    name: ['', [Validators.required, Validators.maxLength(200)]],
    regionCode: [null as string | null, [Validators.required]],
    startsOn: ['', [Validators.required, dateOrderValidator('startsOn')]],
    endsOn: ['', [Validators.required, dateOrderValidator('endsOn')]],
    enrolUntil: ['', [Validators.required, dateOrderValidator('enrolUntil')]],
    dueOn: ['', [Validators.required, dateOrderValidator('dueOn')]],
    adminIds: [[] as string[]],
  });

  protected readonly cohort = signal<CohortDto | null>(null);
  protected readonly load = signal<LoadState>({ status: 'ready' });
  protected readonly loadError = computed(() => {
    const state = this.load();
    return state.status === 'error' ? state.error : null;
  });
  protected readonly saving = signal(false);
  protected readonly formError = signal<AppError | null>(null);
  /** Bumped whenever errors are set from outside the form's own validation, to re-render messages. */
  protected readonly errorsVersion = signal(0);

  private readonly reloadPrograms$ = new Subject<void>();
  protected readonly programs = toSignal(
    this.reloadPrograms$.pipe(
      startWith(undefined),
      switchMap(() =>
        this.cohorts.programs().pipe(
          map((list) => ({ status: 'ok' as const, list })),
          catchError(() => of({ status: 'error' as const, list: [] as CohortProgramOption[] })),
          startWith({ status: 'loading' as const, list: [] as CohortProgramOption[] }),
        ),
      ),
    ),
    { initialValue: { status: 'loading' as const, list: [] as CohortProgramOption[] } },
  );

  /** Other administrators: the search results plus whoever is already chosen (so their names stay shown). */
  protected readonly adminQuery = signal('');
  private readonly chosenAdmins = signal<AdminOption[]>([]);
  protected readonly adminSearching = signal(false);
  private readonly adminHits = toSignal(
    toObservable(this.adminQuery).pipe(
      map((q) => q.trim()),
      debounceTime(300),
      distinctUntilChanged(),
      switchMap((q) => {
        this.adminSearching.set(true);
        return this.users.list({ role: 'admin', q: q || undefined, limit: 20, active: true }).pipe(
          map((page) => page.items),
          catchError(() => of<UserDto[]>([])),
        );
      }),
    ),
    { initialValue: [] as UserDto[] },
  );
  protected readonly adminOptions = computed((): AdminOption[] => {
    const self = this.auth.user()?.id;
    const seen = new Set<string>();
    const options: AdminOption[] = [];
    const add = (option: AdminOption) => {
      if (seen.has(option.id)) return;
      seen.add(option.id);
      options.push(option);
    };
    this.chosenAdmins().forEach(add);
    // the signed-in admin manages the cohort anyway: not offered as an "other" administrator
    for (const user of this.adminHits()) {
      if (user.id !== self) add({ id: user.id, label: `${user.name}（${user.username} · ${user.region.name}）` });
    }
    return options;
  });

  constructor() {
    // A change to any date can make another date's order right or wrong: re-check them all.
    merge(...DATE_FIELDS.map((field) => this.form.controls[field].valueChanges))
      .pipe(takeUntilDestroyed())
      .subscribe(() => {
        for (const field of DATE_FIELDS) this.form.controls[field].updateValueAndValidity({ emitEvent: false });
        this.errorsVersion.update((v) => v + 1);
      });
    toObservable(this.adminHits)
      .pipe(takeUntilDestroyed())
      .subscribe(() => this.adminSearching.set(false));
    this.form.controls.programId.valueChanges.pipe(takeUntilDestroyed()).subscribe((id) => this.programPicked(id));
    this.form.controls.adminIds.valueChanges.pipe(takeUntilDestroyed()).subscribe((ids) => this.adminsChanged(ids));
  }

  ngOnInit(): void {
    if (this.isEdit()) {
      this.form.controls.programId.disable();
      this.form.controls.regionCode.disable();
      this.fetch();
    } else {
      this.form.controls.regionCode.setValue(this.auth.user()?.region.code ?? null);
    }
  }

  protected fetch(): void {
    const id = this.id();
    if (!id) return;
    this.load.set({ status: 'loading' });
    this.cohorts.get(id).subscribe({
      next: (cohort) => {
        this.cohort.set(cohort);
        this.chosenAdmins.set(
          cohort.admins.map((a) => ({ id: a.id, label: `${a.name}（${a.username} · ${a.regionName}）` })),
        );
        this.form.reset({
          programId: cohort.program.id,
          name: cohort.name,
          regionCode: cohort.region.code,
          startsOn: cohort.startsOn,
          endsOn: cohort.endsOn,
          enrolUntil: cohort.enrolUntil,
          dueOn: cohort.dueOn,
          adminIds: cohort.admins.map((a) => a.id).filter((id) => id !== cohort.createdBy.id),
        });
        this.load.set({ status: 'ready' });
      },
      error: (err: unknown) => this.load.set({ status: 'error', error: toAppError(err) }),
    });
  }

  protected retryPrograms(): void {
    this.reloadPrograms$.next();
  }

  /** Picking a program fills in its dates where none are set yet, and a name. */
  private programPicked(programId: string | null): void {
    const program = this.programs().list.find((p) => p.id === programId);
    if (!program) return;
    const c = this.form.controls;
    if (!c.startsOn.value) c.startsOn.setValue(program.startsOn);
    if (!c.endsOn.value) c.endsOn.setValue(program.endsOn);
    if (!c.dueOn.value) c.dueOn.setValue(program.endsOn);
    if (!c.enrolUntil.value) c.enrolUntil.setValue(program.endsOn);
    if (!c.name.value.trim()) c.name.setValue(program.title);
  }

  private adminsChanged(ids: string[]): void {
    const known = new Map(this.adminOptions().map((o) => [o.id, o]));
    this.chosenAdmins.set(ids.map((id) => known.get(id)).filter((o): o is AdminOption => !!o));
  }

  /** The message under a field: the first of its problems, translated. */
  protected messageFor(control: AbstractControl): string {
    this.errorsVersion();
    const errors = control.errors;
    if (!errors) return '';
    const key = (k: TranslationKey, params?: Record<string, string>) => this.i18n.t(k, params);
    if (errors['server']) return key('validation.server', { problems: String(errors['server']) });
    if (errors['required']) {
      if (control === this.form.controls.regionCode) return key('validation.regionRequired');
      if (control === this.form.controls.programId) return key('cohorts.form.programRequired');
      return key('validation.required');
    }
    if (errors['order']) return key(errors['order'] as TranslationKey);
    if (errors['maxlength']) return key('cohorts.form.nameLength');
    return key('errors.VALIDATION_FAILED');
  }

  protected submit(): void {
    this.formError.set(null);
    if (this.form.invalid) {
      for (const control of Object.values(this.form.controls)) {
        if (control.invalid) {
          control.markAsDirty();
          control.markAsTouched();
          control.updateValueAndValidity({ onlySelf: true });
        }
      }
      this.errorsVersion.update((v) => v + 1);
      this.notifier.showWarning(this.i18n.t('cohorts.form.fixErrors'));
      return;
    }
    const value = this.form.getRawValue();
    const common = {
      name: value.name.trim(),
      startsOn: value.startsOn,
      endsOn: value.endsOn,
      enrolUntil: value.enrolUntil,
      dueOn: value.dueOn,
      adminIds: value.adminIds,
    };
    const id = this.id();
    const request$ =
      this.isEdit() && id
        ? this.cohorts.update(id, common satisfies UpdateCohortRequest)
        : this.cohorts.create({
            ...common,
            programId: value.programId ?? '',
            regionCode: value.regionCode ?? '',
          } satisfies CreateCohortRequest);
    this.saving.set(true);
    request$.subscribe({
      next: (saved) => {
        this.saving.set(false);
        this.form.markAsPristine();
        this.notifier.showSuccess(
          this.i18n.t(this.isEdit() ? 'cohorts.form.saved' : 'cohorts.form.created', { name: saved.name }),
        );
        void this.router.navigate(['/admin/cohorts', saved.id]);
      },
      error: (err: unknown) => {
        this.saving.set(false);
        this.showServerError(toAppError(err));
      },
    });
  }

  /** Puts the API's per-field problems on the fields; everything else goes to the banner. */
  private showServerError(error: AppError): void {
    this.formError.set(error);
    for (const detail of error.details ?? []) {
      const field = detail.field.split('.')[0] as FieldName;
      if (!FIELDS.includes(field)) continue;
      const control = this.form.controls[field];
      control.setErrors({ ...(control.errors ?? {}), server: detail.problems.join('; ') });
      control.markAsDirty();
      control.markAsTouched();
    }
    this.errorsVersion.update((v) => v + 1);
  }

  protected backLink(): string[] {
    const id = this.id();
    return id ? ['/admin/cohorts', id] : ['/admin/cohorts'];
  }
}
