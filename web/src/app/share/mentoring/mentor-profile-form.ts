import { ChangeDetectionStrategy, Component, computed, effect, inject, input, output, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import {
  MENTOR_BIO_MAX_LENGTH,
  MENTOR_CAPACITY_MAX,
  MENTOR_TITLES,
  type MentorExpertise,
  type MentorProfileDto,
  type MentorProfileRequest,
  type MentorTitle,
} from '@lingyan/contracts';
import { NzAlertModule } from 'ng-zorro-antd/alert';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzFormModule } from 'ng-zorro-antd/form';
import { NzIconModule, provideNzIconsPatch } from 'ng-zorro-antd/icon';
import { NzInputModule } from 'ng-zorro-antd/input';
import { NzInputNumberModule } from 'ng-zorro-antd/input-number';
import type { Observable } from 'rxjs';
import { I18nService } from '../../core/i18n/i18n.service';
import { TPipe } from '../../core/i18n/t.pipe';
import { RegionPicker } from '../regions/region-picker';
import { titleKey } from './mentoring-format';
import { MentoringAreas } from './mentoring-work-areas';
import { MentoringChoice, type Choice } from './mentoring-work-choice';
import * as MENTORING_WORK_ICONS from './mentoring-work-icons';
import { ServerProblems } from './server-problems';

/** How the page saves the profile as edited (the profile is the one the form started from). */
export type SaveProfile = (request: MentorProfileRequest, profile: MentorProfileDto) => Observable<MentorProfileDto>;

type Field = 'title' | 'expertise' | 'regionCode' | 'capacity' | 'bio';

/** The title choices, from none up to the province's. */
const TITLE_CHOICES: ReadonlyArray<Choice<MentorTitle | 'none'>> = [
  { value: 'none', label: 'mentoring.profile.noTitle' },
  ...[...MENTOR_TITLES].reverse().map((title) => ({ value: title, label: titleKey(title) })),
];

/**
 * A mentor's profile as a form: title (兴村名师 of a level, or none), expertise, home region, capacity
 * (1–30) and a short bio. The mentor edits their own (`/mentor/profile`), an administrator a mentor's
 * (the mentors page's drawer); the page says how it is saved. Its own problems and the server's show
 * next to their fields.
 */
@Component({
  selector: 'app-mentor-profile-form',
  imports: [
    FormsModule,
    NzAlertModule,
    NzButtonModule,
    NzFormModule,
    NzIconModule,
    NzInputModule,
    NzInputNumberModule,
    TPipe,
    MentoringAreas,
    MentoringChoice,
    RegionPicker,
  ],
  providers: [provideNzIconsPatch(Object.values(MENTORING_WORK_ICONS))],
  templateUrl: './mentor-profile-form.html',
  styleUrls: ['./mentoring-form.scss', './mentor-profile-form.scss'],
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class MentorProfileForm {
  private readonly i18n = inject(I18nService);

  /** The profile as saved: the form starts from it, and again whenever it changes. */
  readonly profile = input.required<MentorProfileDto>();
  /** Saves the profile: the mentor's own, or an administrator's of the mentor. */
  readonly saveWith = input.required<SaveProfile>();
  /** Offers a cancel button (in a drawer). */
  readonly cancellable = input(false);
  readonly saved = output<MentorProfileDto>();
  readonly cancelled = output<void>();
  /** The capacity as typed, for a page that shows the load against it. */
  readonly capacityChange = output<number | null>();

  protected readonly titles = TITLE_CHOICES;
  protected readonly capacityMax = MENTOR_CAPACITY_MAX;
  protected readonly bioMax = MENTOR_BIO_MAX_LENGTH;

  protected readonly title = signal<MentorTitle | null>(null);
  /** The title as the choice holds it (`none` for none). */
  protected readonly titleChoice = computed(() => this.title() ?? 'none');
  protected readonly expertise = signal<MentorExpertise[]>([]);
  protected readonly regionCode = signal<string | null>(null);
  protected readonly capacity = signal<number | null>(null);
  protected readonly bio = signal('');

  protected readonly submitted = signal(false);
  protected readonly saving = signal(false);
  protected readonly server = new ServerProblems<Field>((key, params) => this.i18n.t(key, params));

  /** Fewer places than pairings already taking one: those stay, but no new ones can be proposed. */
  protected readonly belowLoad = computed(() => {
    const capacity = this.capacity();
    return capacity !== null && capacity < this.profile().load;
  });

  /** What the form itself finds wrong, once it was sent. */
  private readonly own = computed<Partial<Record<Field, string>>>(() => {
    if (!this.submitted()) return {};
    const problems: Partial<Record<Field, string>> = {};
    if (!this.regionCode()) problems.regionCode = this.i18n.t('mentoring.profile.regionRequired');
    const capacity = this.capacity();
    if (capacity === null || !Number.isInteger(capacity) || capacity < 1 || capacity > MENTOR_CAPACITY_MAX) {
      problems.capacity = this.i18n.t('mentoring.problem.range', { min: 1, max: MENTOR_CAPACITY_MAX });
    }
    return problems;
  });

  constructor() {
    effect(() => {
      const profile = this.profile();
      this.title.set(profile.title);
      this.expertise.set(profile.expertise);
      this.regionCode.set(profile.regionCode);
      this.capacity.set(profile.capacity);
      this.bio.set(profile.bio);
      this.submitted.set(false);
      this.server.reset();
    });
  }

  protected chooseTitle(value: MentorTitle | 'none'): void {
    this.title.set(value === 'none' ? null : value);
    this.server.clear('title');
  }

  protected changeCapacity(value: number | null): void {
    this.capacity.set(value);
    this.server.clear('capacity');
    this.capacityChange.emit(value);
  }

  protected problem(field: Field): string | null {
    return this.own()[field] ?? this.server.of(field);
  }

  protected save(): void {
    if (this.saving()) return;
    this.submitted.set(true);
    if (Object.keys(this.own()).length > 0) return;
    this.saving.set(true);
    this.server.reset();
    const request: MentorProfileRequest = {
      title: this.title(),
      expertise: this.expertise(),
      regionCode: this.regionCode() ?? '',
      capacity: this.capacity() ?? 0,
      bio: this.bio().trim(),
    };
    this.saveWith()(request, this.profile()).subscribe({
      next: (profile) => {
        this.saving.set(false);
        this.saved.emit(profile);
      },
      error: (err: unknown) => {
        this.saving.set(false);
        // a region gone from the tree is the region field's problem
        this.server.refused(err, (error) =>
          error.error === 'REGION_NOT_FOUND' ? { regionCode: this.i18n.t('errors.REGION_NOT_FOUND') } : {},
        );
      },
    });
  }
}
