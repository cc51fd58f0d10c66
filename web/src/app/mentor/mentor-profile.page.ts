import { ChangeDetectionStrategy, Component, DestroyRef, computed, inject, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { RouterLink } from '@angular/router';
import {
  MENTOR_BIO_MAX_LENGTH,
  MENTOR_CAPACITY_MAX,
  MENTOR_TITLES,
  type MentorExpertise,
  type MentorProfileDto,
  type MentorTitle,
} from '@lingyan/contracts';
import { NzAlertModule } from 'ng-zorro-antd/alert';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzFormModule } from 'ng-zorro-antd/form';
import { NzIconModule, provideNzIconsPatch } from 'ng-zorro-antd/icon';
import { NzInputModule } from 'ng-zorro-antd/input';
import { NzInputNumberModule } from 'ng-zorro-antd/input-number';
import { NzProgressModule } from 'ng-zorro-antd/progress';
import { NzSkeletonModule } from 'ng-zorro-antd/skeleton';
import type { Subscription } from 'rxjs';
import { toAppError, type AppError } from '../core/http/api-error';
import { ErrorNotifier } from '../core/http/error-notifier';
import { I18nService } from '../core/i18n/i18n.service';
import { TPipe } from '../core/i18n/t.pipe';
import { errorKey } from '../core/i18n/translation-key';
import { injectIsPhone } from '../core/layout/is-phone';
import { LoadError } from '../share/load-error/load-error';
import { MentoringApi } from '../share/mentoring/mentoring-api.service';
import { titleKey } from '../share/mentoring/mentoring-format';
import { MentoringAreas } from '../share/mentoring/mentoring-work-areas';
import { MentoringChoice, type Choice } from '../share/mentoring/mentoring-work-choice';
import { fieldProblems, shortInstant } from '../share/mentoring/mentoring-work-format';
import { MENTORING_WORK_ICONS } from '../share/mentoring/mentoring-work-icons';
import { RegionPicker } from '../share/regions/region-picker';

type Field = 'title' | 'expertise' | 'regionCode' | 'capacity' | 'bio';

/** The title choices, from none up to the province's. */
const TITLE_CHOICES: ReadonlyArray<Choice<MentorTitle | 'none'>> = [
  { value: 'none', label: 'mentoring-work.profile.titleNone' },
  ...[...MENTOR_TITLES].reverse().map((title) => ({ value: title, label: titleKey(title) })),
];

/**
 * The mentor's own profile (`/mentor/profile`): title (兴村名师 of a level, or none), expertise, home
 * region, capacity (1–30) and a short bio, with the current load. Administrators match trainees by it.
 * The server's problems show next to their fields.
 */
@Component({
  selector: 'app-mentor-profile-page',
  imports: [
    FormsModule,
    RouterLink,
    NzAlertModule,
    NzButtonModule,
    NzFormModule,
    NzIconModule,
    NzInputModule,
    NzInputNumberModule,
    NzProgressModule,
    NzSkeletonModule,
    TPipe,
    LoadError,
    MentoringAreas,
    MentoringChoice,
    RegionPicker,
  ],
  providers: [provideNzIconsPatch(MENTORING_WORK_ICONS)],
  templateUrl: './mentor-profile.page.html',
  styleUrl: './mentor-profile.page.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class MentorProfilePage {
  private readonly api = inject(MentoringApi);
  private readonly i18n = inject(I18nService);
  private readonly notifier = inject(ErrorNotifier);

  protected readonly isPhone = injectIsPhone();
  protected readonly errorKey = errorKey;
  protected readonly titles = TITLE_CHOICES;
  protected readonly capacityMax = MENTOR_CAPACITY_MAX;
  protected readonly bioMax = MENTOR_BIO_MAX_LENGTH;

  protected readonly profile = signal<MentorProfileDto | null>(null);
  protected readonly loadError = signal<AppError | null>(null);

  protected readonly title = signal<MentorTitle | null>(null);
  /** The title as the radio buttons hold it (`none` for none). */
  protected readonly titleChoice = computed(() => this.title() ?? 'none');
  protected readonly expertise = signal<MentorExpertise[]>([]);
  protected readonly regionCode = signal<string | null>(null);
  protected readonly capacity = signal<number | null>(null);
  protected readonly bio = signal('');

  protected readonly submitted = signal(false);
  protected readonly saving = signal(false);
  protected readonly saveError = signal<AppError | null>(null);
  private readonly server = signal<Partial<Record<Field, string>>>({});

  protected readonly loadPercent = computed(() => {
    const profile = this.profile();
    const capacity = this.capacity() ?? profile?.capacity ?? 0;
    if (!profile || capacity <= 0) return 0;
    return Math.min(100, Math.round((profile.load / capacity) * 100));
  });
  /** Fewer places than pairings already taking one: those stay, but no new ones can be proposed. */
  protected readonly belowLoad = computed(() => {
    const profile = this.profile();
    const capacity = this.capacity();
    return !!profile && capacity !== null && capacity < profile.load;
  });

  private readonly own = computed<Partial<Record<Field, string>>>(() => {
    if (!this.submitted()) return {};
    const problems: Partial<Record<Field, string>> = {};
    if (!this.regionCode()) problems.regionCode = this.i18n.t('mentoring-work.profile.regionRequired');
    const capacity = this.capacity();
    if (capacity === null || !Number.isInteger(capacity) || capacity < 1 || capacity > MENTOR_CAPACITY_MAX) {
      problems.capacity = this.i18n.t('mentoring-work.problem.range', { min: 1, max: MENTOR_CAPACITY_MAX });
    }
    return problems;
  });

  private loading: Subscription | null = null;

  constructor() {
    this.load();
    inject(DestroyRef).onDestroy(() => this.loading?.unsubscribe());
  }

  protected load(): void {
    this.loading?.unsubscribe();
    this.loadError.set(null);
    this.loading = this.api.myProfile().subscribe({
      next: (profile) => this.show(profile),
      error: (err: unknown) => this.loadError.set(toAppError(err)),
    });
  }

  protected chooseTitle(value: MentorTitle | 'none'): void {
    this.title.set(value === 'none' ? null : value);
    this.clear('title');
  }

  protected problem(field: Field): string | null {
    return this.own()[field] ?? this.server()[field] ?? null;
  }

  protected clear(field: Field): void {
    if (this.server()[field]) this.server.update((problems) => ({ ...problems, [field]: undefined }));
  }

  protected instant(value: string): string {
    return shortInstant(value, this.i18n.lang());
  }

  protected save(): void {
    if (this.saving()) return;
    this.submitted.set(true);
    if (Object.keys(this.own()).length > 0) return;
    this.saving.set(true);
    this.saveError.set(null);
    this.server.set({});
    this.api
      .saveMyProfile({
        title: this.title(),
        expertise: this.expertise(),
        regionCode: this.regionCode() ?? '',
        capacity: this.capacity() ?? 0,
        bio: this.bio().trim(),
      })
      .subscribe({
        next: (profile) => {
          this.saving.set(false);
          this.show(profile);
          this.notifier.showSuccess(this.i18n.t('mentoring-work.profile.saved'));
        },
        error: (err: unknown) => {
          this.saving.set(false);
          const error = toAppError(err);
          this.saveError.set(error);
          const problems: Partial<Record<Field, string>> = fieldProblems(error.details, (key, params) =>
            this.i18n.t(key, params),
          );
          if (error.error === 'REGION_NOT_FOUND') problems.regionCode = this.i18n.t('errors.REGION_NOT_FOUND');
          this.server.set(problems);
        },
      });
  }

  private show(profile: MentorProfileDto): void {
    this.profile.set(profile);
    this.title.set(profile.title);
    this.expertise.set(profile.expertise);
    this.regionCode.set(profile.regionCode);
    this.capacity.set(profile.capacity);
    this.bio.set(profile.bio);
    this.submitted.set(false);
    this.server.set({});
    this.saveError.set(null);
  }
}
