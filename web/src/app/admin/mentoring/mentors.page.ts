import { NgTemplateOutlet } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, inject, linkedSignal, signal } from '@angular/core';
import { toObservable, toSignal } from '@angular/core/rxjs-interop';
import { FormsModule } from '@angular/forms';
import { RouterLink } from '@angular/router';
import { DEFAULT_PAGE_LIMIT, type MentorProfileDto } from '@lingyan/contracts';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzDrawerModule } from 'ng-zorro-antd/drawer';
import { NzEmptyModule } from 'ng-zorro-antd/empty';
import { NzIconModule } from 'ng-zorro-antd/icon';
import { NzInputModule } from 'ng-zorro-antd/input';
import { NzPaginationModule } from 'ng-zorro-antd/pagination';
import { NzSpinModule } from 'ng-zorro-antd/spin';
import { NzTableModule } from 'ng-zorro-antd/table';
import { NzTagModule } from 'ng-zorro-antd/tag';
import { debounceTime, distinctUntilChanged, map } from 'rxjs';
import { AuthService } from '../../core/auth/auth.service';
import { ErrorNotifier } from '../../core/http/error-notifier';
import { pagedList } from '../../core/http/paged-list';
import { I18nService } from '../../core/i18n/i18n.service';
import { TPipe } from '../../core/i18n/t.pipe';
import { injectIsPhone } from '../../core/layout/is-phone';
import { LoadError } from '../../share/load-error/load-error';
import { MentorProfileForm, type SaveProfile } from '../../share/mentoring/mentor-profile-form';
import { MentoringApi } from '../../share/mentoring/mentoring-api.service';
import { expertiseKey, loadPercent, titleKey } from '../../share/mentoring/mentoring-format';

/**
 * `admin/mentoring/mentors` (导师名单): the mentors of the administrator's region, searched by name and
 * paged, with title, expertise, home region and places taken; a mentor's profile is edited in a
 * drawer. The mentor role itself is granted in 用户管理.
 */
@Component({
  selector: 'app-mentors-page',
  imports: [
    FormsModule,
    NgTemplateOutlet,
    RouterLink,
    NzButtonModule,
    NzDrawerModule,
    NzEmptyModule,
    NzIconModule,
    NzInputModule,
    NzPaginationModule,
    NzSpinModule,
    NzTableModule,
    NzTagModule,
    TPipe,
    LoadError,
    MentorProfileForm,
  ],
  templateUrl: './mentors.page.html',
  styleUrl: './mentors.page.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class MentorsPage {
  private readonly api = inject(MentoringApi);
  private readonly auth = inject(AuthService);
  private readonly i18n = inject(I18nService);
  private readonly notifier = inject(ErrorNotifier);

  protected readonly isPhone = injectIsPhone();
  protected readonly titleKey = titleKey;
  protected readonly expertiseKey = expertiseKey;
  protected readonly loadPercent = loadPercent;
  protected readonly limit = DEFAULT_PAGE_LIMIT;

  protected readonly subtitle = computed(() =>
    this.i18n.t('mentoring-admin.mentorList.subtitle', { region: this.auth.user()?.region.name ?? '' }),
  );

  protected readonly searchText = signal('');
  private readonly q = toSignal(
    toObservable(this.searchText).pipe(
      map((text) => text.trim()),
      debounceTime(300),
      distinctUntilChanged(),
    ),
    { initialValue: '' },
  );
  protected readonly page = linkedSignal({ source: this.q, computation: () => 1 });
  private readonly request = computed(() => ({ q: this.q(), page: this.page() }));
  private readonly list = pagedList(this.request, (r) =>
    this.api.mentors({ q: r.q || undefined, page: r.page, limit: this.limit }),
  );
  protected readonly mentors = this.list.items;
  protected readonly total = this.list.total;
  protected readonly loaded = computed(() => this.list.page() !== null);
  protected readonly loading = this.list.loading;
  protected readonly error = this.list.error;

  protected readonly editing = signal<MentorProfileDto | null>(null);
  protected readonly drawerWidth = computed(() => (this.isPhone() ? '100%' : 'min(560px, 96vw)'));
  protected readonly saveMentor: SaveProfile = (request, mentor) => this.api.saveMentorProfile(mentor.userId, request);

  protected retry(): void {
    this.list.reload();
  }

  protected saved(profile: MentorProfileDto): void {
    this.editing.set(null);
    this.notifier.showSuccess(this.i18n.t('mentoring-admin.profile.saved', { name: profile.name }));
    this.list.reload();
  }

  protected drawerTitle(mentor: MentorProfileDto): string {
    return this.i18n.t('mentoring-admin.profile.drawerTitle', { name: mentor.name });
  }
}
