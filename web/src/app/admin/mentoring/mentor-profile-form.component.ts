import { ChangeDetectionStrategy, Component, OnInit, computed, inject, input, output, signal } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { AbstractControl, NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import {
  MENTOR_BIO_MAX_LENGTH,
  MENTOR_CAPACITY_MAX,
  MENTOR_EXPERTISE,
  MENTOR_TITLES,
  type MentorExpertise,
  type MentorProfileDto,
  type MentorProfileRequest,
  type MentorTitle,
} from '@lingyan/contracts';
import { NzAlertModule } from 'ng-zorro-antd/alert';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzFormModule } from 'ng-zorro-antd/form';
import { NzInputModule } from 'ng-zorro-antd/input';
import { NzInputNumberModule } from 'ng-zorro-antd/input-number';
import { NzSelectModule } from 'ng-zorro-antd/select';
import { startWith } from 'rxjs';
import { toAppError, type AppError } from '../../core/http/api-error';
import { ErrorNotifier } from '../../core/http/error-notifier';
import { I18nService } from '../../core/i18n/i18n.service';
import { TPipe } from '../../core/i18n/t.pipe';
import { errorKey, type TranslationKey } from '../../core/i18n/translation-key';
import { MentoringApi } from '../../share/mentoring/mentoring-api.service';
import { expertiseKey, titleKey } from '../../share/mentoring/mentoring-format';
import { RegionPicker } from '../../share/regions/region-picker';

/** The title select's value for a mentor without one (a select does not hold null well). */
const NO_TITLE = 'none';
type TitleChoice = MentorTitle | typeof NO_TITLE;

type FieldName = 'title' | 'expertise' | 'regionCode' | 'capacity' | 'bio';
const FIELDS: readonly FieldName[] = ['title', 'expertise', 'regionCode', 'capacity', 'bio'];

/** What the API's 400 says of a field, in words of the field (its own message is English). */
const SERVER_MESSAGES: Record<FieldName, TranslationKey> = {
  title: 'mentoring-admin.profile.invalid.title',
  expertise: 'mentoring-admin.profile.invalid.expertise',
  regionCode: 'mentoring-admin.profile.invalid.regionCode',
  capacity: 'mentoring-admin.profile.invalid.capacity',
  bio: 'mentoring-admin.profile.invalid.bio',
};

/**
 * An administrator edits a mentor's profile (the mentors page's drawer): title (兴村名师), expertise,
 * home region, capacity and bio. Field problems — the form's own, or the API's 400 — show under the
 * fields; anything else above the form.
 */
@Component({
  selector: 'app-mentor-profile-form',
  imports: [
    ReactiveFormsModule,
    NzAlertModule,
    NzButtonModule,
    NzFormModule,
    NzInputModule,
    NzInputNumberModule,
    NzSelectModule,
    TPipe,
    RegionPicker,
  ],
  templateUrl: './mentor-profile-form.component.html',
  styleUrl: './mentor-profile-form.component.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class MentorProfileForm implements OnInit {
  private readonly api = inject(MentoringApi);
  private readonly i18n = inject(I18nService);
  private readonly notifier = inject(ErrorNotifier);

  readonly mentor = input.required<MentorProfileDto>();
  readonly saved = output<MentorProfileDto>();
  readonly cancelled = output<void>();

  protected readonly titles: TitleChoice[] = [NO_TITLE, ...[...MENTOR_TITLES].reverse()];
  protected readonly areas = MENTOR_EXPERTISE;
  protected readonly expertiseKey = expertiseKey;
  protected readonly errorKey = errorKey;
  protected readonly capacityMax = MENTOR_CAPACITY_MAX;
  protected readonly bioMax = MENTOR_BIO_MAX_LENGTH;

  protected readonly form = inject(NonNullableFormBuilder).group({
    title: [NO_TITLE as TitleChoice],
    expertise: [[] as MentorExpertise[]],
    regionCode: [null as string | null, [Validators.required]],
    capacity: [
      5 as number | null,
      [Validators.required, Validators.min(1), Validators.max(MENTOR_CAPACITY_MAX), Validators.pattern(/^\d+$/)],
    ],
    bio: ['', [Validators.maxLength(MENTOR_BIO_MAX_LENGTH)]],
  });

  protected readonly saving = signal(false);
  protected readonly formError = signal<AppError | null>(null);
  /** Bumped whenever errors are set from outside the form's own validation, to re-render messages. */
  private readonly errorsVersion = signal(0);

  private readonly bio = toSignal(this.form.controls.bio.valueChanges.pipe(startWith(this.form.controls.bio.value)), {
    initialValue: '',
  });
  protected readonly bioLength = computed(() => this.bio().length);
  private readonly capacity = toSignal(
    this.form.controls.capacity.valueChanges.pipe(startWith(this.form.controls.capacity.value)),
    { initialValue: null as number | null },
  );
  /** The capacity is set under the places already taken: existing pairings stay, no new ones fit. */
  protected readonly belowLoad = computed(() => {
    const capacity = this.capacity();
    return capacity !== null && capacity < this.mentor().load;
  });

  ngOnInit(): void {
    const m = this.mentor();
    this.form.reset({
      title: m.title ?? NO_TITLE,
      expertise: [...m.expertise],
      regionCode: m.regionCode,
      capacity: m.capacity,
      bio: m.bio,
    });
  }

  protected titleLabel(choice: TitleChoice): TranslationKey {
    return choice === NO_TITLE ? 'mentoring-admin.profile.noTitle' : titleKey(choice);
  }

  /** The message under a field: the first of its problems, in words. */
  protected messageFor(control: AbstractControl): string {
    this.errorsVersion();
    const errors = control.errors;
    if (!errors) return '';
    const t = (key: TranslationKey, params?: Record<string, string | number>) => this.i18n.t(key, params);
    if (errors['server']) {
      const max = control === this.form.controls.capacity ? MENTOR_CAPACITY_MAX : MENTOR_BIO_MAX_LENGTH;
      return t(errors['server'] as TranslationKey, { max });
    }
    if (errors['required']) {
      return t(control === this.form.controls.regionCode ? 'validation.regionRequired' : 'validation.required');
    }
    if (errors['min'] || errors['max'] || errors['pattern']) {
      return t('mentoring-admin.profile.invalid.capacity', { max: MENTOR_CAPACITY_MAX });
    }
    if (errors['maxlength']) return t('mentoring-admin.profile.invalid.bio', { max: MENTOR_BIO_MAX_LENGTH });
    return t('errors.VALIDATION_FAILED');
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
      this.notifier.showWarning(this.i18n.t('mentoring-admin.profile.fixErrors'));
      return;
    }
    const value = this.form.getRawValue();
    const request: MentorProfileRequest = {
      title: value.title === NO_TITLE ? null : value.title,
      expertise: value.expertise,
      regionCode: value.regionCode ?? '',
      capacity: Number(value.capacity),
      bio: value.bio.trim(),
    };
    this.saving.set(true);
    this.api.saveMentorProfile(this.mentor().userId, request).subscribe({
      next: (profile) => {
        this.saving.set(false);
        this.form.markAsPristine();
        this.saved.emit(profile);
      },
      error: (err: unknown) => {
        this.saving.set(false);
        this.showServerError(toAppError(err));
      },
    });
  }

  /** Puts the API's per-field problems under the fields; anything else goes above the form. */
  private showServerError(error: AppError): void {
    let placed = false;
    const mark = (field: FieldName, key: TranslationKey) => {
      const control = this.form.controls[field];
      // dirty first: the field shows its error when the status changes, and only once it is dirty
      control.markAsDirty();
      control.markAsTouched();
      control.setErrors({ ...(control.errors ?? {}), server: key });
      placed = true;
    };
    if (error.error === 'REGION_NOT_FOUND') mark('regionCode', 'errors.REGION_NOT_FOUND');
    for (const detail of error.details ?? []) {
      const field = detail.field.split('.')[0] as FieldName;
      if (FIELDS.includes(field)) mark(field, SERVER_MESSAGES[field]);
    }
    if (!placed) this.formError.set(error);
    this.errorsVersion.update((v) => v + 1);
  }
}
