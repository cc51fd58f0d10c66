import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, OnInit, computed, inject, input, signal } from '@angular/core';
import {
  AbstractControl,
  NonNullableFormBuilder,
  ReactiveFormsModule,
  ValidationErrors,
  ValidatorFn,
  Validators,
} from '@angular/forms';
import { Router, RouterLink } from '@angular/router';
import {
  POSITIONS,
  ROLES,
  type CreateUserRequest,
  type Position,
  type Role,
  type UpdateUserRequest,
  type UserDto,
} from '@lingyan/contracts';
import { PHONE_PATTERN, USERNAME_PATTERN, passwordProblem } from '@lingyan/domain';
import { NzAlertModule } from 'ng-zorro-antd/alert';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzCheckboxModule } from 'ng-zorro-antd/checkbox';
import { NzFormModule } from 'ng-zorro-antd/form';
import { NzIconModule } from 'ng-zorro-antd/icon';
import { NzInputModule } from 'ng-zorro-antd/input';
import { NzModalService } from 'ng-zorro-antd/modal';
import { NzResultModule } from 'ng-zorro-antd/result';
import { NzSelectModule } from 'ng-zorro-antd/select';
import { NzSpinModule } from 'ng-zorro-antd/spin';
import { NzTagModule } from 'ng-zorro-antd/tag';
import { AuthService } from '../../core/auth/auth.service';
import { AppError, toAppError } from '../../core/http/api-error';
import { ErrorNotifier } from '../../core/http/error-notifier';
import { I18nService } from '../../core/i18n/i18n.service';
import { TPipe } from '../../core/i18n/t.pipe';
import { TranslationKey, errorKey, positionKey, roleKey } from '../../core/i18n/translation-key';
import { RegionPicker } from '../../share/regions/region-picker';
import { UsersService } from './users.service';

/** The shared password rule of `@lingyan/domain` as a form validator (empty is left to `required`). */
export function passwordValidator(control: AbstractControl<string>): ValidationErrors | null {
  const value = control.value ?? '';
  if (!value) return null;
  const problem = passwordProblem(value);
  return problem ? { password: problem } : null;
}

const atLeastOne: ValidatorFn = (control) =>
  Array.isArray(control.value) && control.value.length > 0 ? null : { rolesRequired: true };

type FieldName = 'username' | 'name' | 'password' | 'roles' | 'position' | 'phone' | 'regionCode';
const FIELDS: readonly FieldName[] = ['username', 'name', 'password', 'roles', 'position', 'phone', 'regionCode'];

type LoadState = { status: 'loading' } | { status: 'ready' } | { status: 'error'; error: AppError };

@Component({
  selector: 'app-user-form-page',
  imports: [
    DatePipe,
    ReactiveFormsModule,
    RouterLink,
    NzAlertModule,
    NzButtonModule,
    NzCheckboxModule,
    NzFormModule,
    NzIconModule,
    NzInputModule,
    NzResultModule,
    NzSelectModule,
    NzSpinModule,
    NzTagModule,
    TPipe,
    RegionPicker,
  ],
  templateUrl: './user-form.page.html',
  styleUrl: './user-form.page.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class UserFormPage implements OnInit {
  private readonly users = inject(UsersService);
  private readonly router = inject(Router);
  private readonly i18n = inject(I18nService);
  private readonly notifier = inject(ErrorNotifier);
  private readonly modal = inject(NzModalService);
  private readonly auth = inject(AuthService);

  /** The `:id` route parameter (absent on /admin/users/new). */
  readonly id = input<string | undefined>(undefined);
  protected readonly isEdit = computed(() => !!this.id() && this.id() !== 'new');

  protected readonly positions = POSITIONS;
  protected readonly positionKey = positionKey;
  protected readonly errorKey = errorKey;
  protected readonly roleOptions = computed(() =>
    ROLES.map((role) => ({ label: this.i18n.t(roleKey(role)), value: role })),
  );

  protected readonly form = inject(NonNullableFormBuilder).group({
    username: ['', [Validators.required, Validators.pattern(USERNAME_PATTERN)]],
    name: ['', [Validators.required, Validators.maxLength(64)]],
    password: ['', [Validators.required, passwordValidator]],
    roles: [['trainee'] as Role[], [atLeastOne]],
    position: [null as Position | null],
    phone: ['', [Validators.pattern(PHONE_PATTERN)]],
    regionCode: [null as string | null, [Validators.required]],
  });

  protected readonly user = signal<UserDto | null>(null);
  protected readonly load = signal<LoadState>({ status: 'ready' });
  protected readonly loadError = computed(() => {
    const state = this.load();
    return state.status === 'error' ? state.error : null;
  });
  protected readonly saving = signal(false);
  protected readonly toggling = signal(false);
  protected readonly formError = signal<AppError | null>(null);
  /** Bumped whenever errors are set from outside the form's own validation, to re-render messages. */
  protected readonly errorsVersion = signal(0);
  protected readonly isSelf = computed(() => this.user()?.id === this.auth.user()?.id);

  ngOnInit(): void {
    if (this.isEdit()) {
      const password = this.form.controls.password;
      password.setValidators([passwordValidator]);
      password.updateValueAndValidity();
      this.form.controls.username.disable();
      this.fetch();
    }
  }

  protected fetch(): void {
    const id = this.id();
    if (!id) return;
    this.load.set({ status: 'loading' });
    this.users.get(id).subscribe({
      next: (user) => {
        this.user.set(user);
        this.form.reset({
          username: user.username,
          name: user.name,
          password: '',
          roles: [...user.roles],
          position: user.position,
          phone: user.phone ?? '',
          regionCode: user.region.code,
        });
        this.load.set({ status: 'ready' });
      },
      error: (err: unknown) => this.load.set({ status: 'error', error: toAppError(err) }),
    });
  }

  /** The message under a field: the first of its problems, translated. */
  protected messageFor(control: AbstractControl): string {
    this.errorsVersion();
    const errors = control.errors;
    if (!errors) return '';
    const key = (k: TranslationKey, params?: Record<string, string>) => this.i18n.t(k, params);
    if (errors['server']) return key('validation.server', { problems: String(errors['server']) });
    if (errors['taken']) return key('errors.USERNAME_TAKEN');
    if (errors['required'])
      return key(control === this.form.controls.regionCode ? 'validation.regionRequired' : 'validation.required');
    if (errors['rolesRequired']) return key('validation.rolesRequired');
    if (errors['password'])
      return key(`validation.password.${errors['password'] as 'too_short' | 'too_long' | 'too_simple'}`);
    if (errors['maxlength']) return key('validation.nameLength');
    if (errors['pattern']) {
      return key(control === this.form.controls.phone ? 'validation.phonePattern' : 'validation.usernamePattern');
    }
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
      this.notifier.showWarning(this.i18n.t('userForm.fixErrors'));
      return;
    }
    const value = this.form.getRawValue();
    const common = {
      name: value.name.trim(),
      roles: value.roles,
      regionCode: value.regionCode ?? '',
      position: value.position ?? null,
      phone: value.phone.trim() || null,
    };
    this.saving.set(true);
    const id = this.id();
    const request$ =
      this.isEdit() && id
        ? this.users.update(id, {
            ...common,
            ...(value.password ? { password: value.password } : {}),
          } satisfies UpdateUserRequest)
        : this.users.create({
            ...common,
            username: value.username.trim(),
            password: value.password,
          } satisfies CreateUserRequest);
    request$.subscribe({
      next: (saved) => {
        this.saving.set(false);
        this.form.markAsPristine();
        if (this.isEdit()) {
          this.notifier.showSuccess(this.i18n.t('userForm.saved', { name: saved.name }));
          void this.router.navigate(['/admin/users']);
        } else {
          this.notifier.showSuccess(this.i18n.t('userForm.created', { name: saved.name }));
          void this.router.navigate(['/admin/users'], { queryParams: { q: saved.username } });
        }
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
    if (error.error === 'USERNAME_TAKEN') {
      const username = this.form.controls.username;
      username.setErrors({ ...(username.errors ?? {}), taken: true });
      username.markAsDirty();
      username.markAsTouched();
    }
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

  protected toggleActive(): void {
    const user = this.user();
    if (!user) return;
    const active = !user.active;
    this.modal.confirm({
      nzTitle: this.i18n.t(active ? 'users.reactivateConfirm' : 'users.deactivateConfirm', { name: user.name }),
      nzOkText: this.i18n.t(active ? 'users.reactivate' : 'users.deactivate'),
      nzOkDanger: !active,
      nzCancelText: this.i18n.t('common.cancel'),
      nzOnOk: () => {
        this.toggling.set(true);
        this.users.setActive(user.id, active).subscribe({
          next: (updated) => {
            this.toggling.set(false);
            this.user.set(updated);
            this.notifier.showSuccess(
              this.i18n.t(active ? 'users.reactivated' : 'users.deactivated', { name: updated.name }),
            );
          },
          error: () => this.toggling.set(false),
        });
      },
    });
  }
}
