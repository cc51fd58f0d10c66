import { ChangeDetectionStrategy, Component, DestroyRef, computed, inject, signal } from '@angular/core';
import { RouterLink } from '@angular/router';
import type { MentorProfileDto } from '@lingyan/contracts';
import { NzIconModule, provideNzIconsPatch } from 'ng-zorro-antd/icon';
import { NzProgressModule } from 'ng-zorro-antd/progress';
import { NzSkeletonModule } from 'ng-zorro-antd/skeleton';
import type { Subscription } from 'rxjs';
import { toAppError, type AppError } from '../core/http/api-error';
import { ErrorNotifier } from '../core/http/error-notifier';
import { I18nService } from '../core/i18n/i18n.service';
import { TPipe } from '../core/i18n/t.pipe';
import { LoadError } from '../share/load-error/load-error';
import { MentorProfileForm, type SaveProfile } from '../share/mentoring/mentor-profile-form';
import { MentoringApi } from '../share/mentoring/mentoring-api.service';
import { loadPercent } from '../share/mentoring/mentoring-format';
import { shortInstant } from '../share/mentoring/mentoring-work-format';
import * as MENTORING_WORK_ICONS from '../share/mentoring/mentoring-work-icons';

/**
 * The mentor's own profile (`/mentor/profile`): the current load against the places, and the profile
 * form (title, expertise, home region, capacity, bio). Administrators match trainees by it.
 */
@Component({
  selector: 'app-mentor-profile-page',
  imports: [RouterLink, NzIconModule, NzProgressModule, NzSkeletonModule, TPipe, LoadError, MentorProfileForm],
  providers: [provideNzIconsPatch(Object.values(MENTORING_WORK_ICONS))],
  templateUrl: './mentor-profile.page.html',
  styleUrl: './mentor-profile.page.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class MentorProfilePage {
  private readonly api = inject(MentoringApi);
  private readonly i18n = inject(I18nService);
  private readonly notifier = inject(ErrorNotifier);

  protected readonly profile = signal<MentorProfileDto | null>(null);
  protected readonly loadError = signal<AppError | null>(null);
  /** The capacity as typed in the form (null until it changes). */
  protected readonly capacity = signal<number | null>(null);

  protected readonly loadPercent = computed(() => {
    const profile = this.profile();
    return profile ? loadPercent(profile.load, this.capacity() ?? profile.capacity) : 0;
  });

  protected readonly saveMine: SaveProfile = (request) => this.api.saveMyProfile(request);

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

  protected instant(value: string): string {
    return shortInstant(value, this.i18n.lang());
  }

  protected saved(profile: MentorProfileDto): void {
    this.show(profile);
    this.notifier.showSuccess(this.i18n.t('mentoring-work.profile.saved'));
  }

  private show(profile: MentorProfileDto): void {
    this.profile.set(profile);
    this.capacity.set(null);
  }
}
