import { ChangeDetectionStrategy, Component, computed, inject, input, output, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { FormsModule } from '@angular/forms';
import type { AuthoredCourseDto, CourseCoOwner, TrainerOption } from '@lingyan/contracts';
import { NzAlertModule } from 'ng-zorro-antd/alert';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzIconModule } from 'ng-zorro-antd/icon';
import { NzPopconfirmModule } from 'ng-zorro-antd/popconfirm';
import { NzSelectModule } from 'ng-zorro-antd/select';
import { Subject, catchError, debounceTime, distinctUntilChanged, map, of, switchMap, tap } from 'rxjs';
import { AuthService } from '../core/auth/auth.service';
import { toAppError, type AppError } from '../core/http/api-error';
import { ErrorNotifier } from '../core/http/error-notifier';
import { I18nService } from '../core/i18n/i18n.service';
import { TPipe } from '../core/i18n/t.pipe';
import { errorKey } from '../core/i18n/translation-key';
import { CurriculumService } from './curriculum.service';

/**
 * "Co-owners": trainers who edit a course together with its owner. The owner or an administrator
 * adds them (searching trainers by name on the server) and removes them; co-owners see the list only.
 * Every change is saved at once (`PUT courses/:id/co-owners`).
 */
@Component({
  selector: 'app-co-owners',
  imports: [FormsModule, NzAlertModule, NzButtonModule, NzIconModule, NzPopconfirmModule, NzSelectModule, TPipe],
  template: `
    <h2>{{ 'teach.coOwners.title' | t }}</h2>
    <p class="hint">{{ 'teach.coOwners.hint' | t }}</p>
    @if (error(); as err) {
      <nz-alert
        class="problem"
        nzType="error"
        nzShowIcon
        nzCloseable
        role="alert"
        data-testid="co-owners-error"
        [nzMessage]="errorMessage(err)"
        (nzOnClose)="error.set(null)"
      />
    }
    @if (course().coOwners.length === 0) {
      <p class="none" data-testid="co-owners-empty">{{ 'teach.coOwners.none' | t }}</p>
    } @else {
      <ul class="people" data-testid="co-owners-list">
        @for (person of course().coOwners; track person.username) {
          <li class="person" data-testid="co-owner">
            <span class="avatar" aria-hidden="true">{{ person.name.slice(0, 1) }}</span>
            <span class="who">
              <span class="name">{{ person.name }}</span>
              <span class="username">{{ person.username }}</span>
            </span>
            @if (canEdit()) {
              <button
                nz-button
                nzType="text"
                nzSize="small"
                nzDanger
                type="button"
                data-testid="co-owner-remove"
                nz-popconfirm
                [nzPopconfirmTitle]="'teach.coOwners.removeConfirm' | t: { name: person.name }"
                [nzOkText]="'teach.coOwners.remove' | t"
                [nzCancelText]="'common.cancel' | t"
                [disabled]="saving()"
                [attr.aria-label]="('teach.coOwners.remove' | t) + ' ' + person.name"
                (nzOnConfirm)="remove(person)"
              >
                <nz-icon nzType="close" />
              </button>
            }
          </li>
        }
      </ul>
    }
    @if (canEdit()) {
      <nz-select
        class="search"
        data-testid="co-owner-search"
        nzShowSearch
        nzServerSearch
        nzAllowClear
        [nzPlaceHolder]="'teach.coOwners.searchPlaceholder' | t"
        [nzLoading]="searching()"
        [nzDisabled]="saving()"
        [nzNotFoundContent]="notFound"
        [ngModel]="selected()"
        (nzOnSearch)="search$.next($event)"
        (nzOpenChange)="$event && search$.next('')"
        (ngModelChange)="add($event)"
      >
        @for (option of options(); track option.username) {
          <nz-option nzCustomContent [nzValue]="option" [nzLabel]="option.name">
            <span>{{ option.name }}</span>
            <span class="username"> · {{ option.username }}</span>
          </nz-option>
        }
      </nz-select>
      <ng-template #notFound>
        <span class="hint">{{ (searching() ? 'common.loading' : 'teach.coOwners.noMatch') | t }}</span>
      </ng-template>
    } @else {
      <p class="hint" data-testid="co-owners-readonly">
        {{ (course().revisionOf ? 'teach.coOwners.onLive' : 'teach.coOwners.ownerOnly') | t }}
      </p>
    }
  `,
  styles: `
    h2 {
      margin: 0;
      font-size: 16px;
      font-weight: 600;
    }
    .hint {
      margin: 4px 0 12px;
      font-size: 13px;
      color: rgba(0, 0, 0, 0.45);
    }
    .problem {
      margin-bottom: 12px;
    }
    .none {
      margin: 0 0 12px;
      color: rgba(0, 0, 0, 0.55);
    }
    .people {
      margin: 0 0 12px;
      padding: 0;
      list-style: none;
    }
    .person {
      display: flex;
      align-items: center;
      gap: 10px;
      padding: 6px 0;
      border-bottom: 1px solid #f5f5f5;
    }
    .avatar {
      flex: none;
      width: 28px;
      height: 28px;
      line-height: 28px;
      border-radius: 50%;
      text-align: center;
      font-size: 13px;
      background: var(--ant-primary-1);
      color: var(--ant-primary-color);
    }
    .who {
      flex: 1;
      min-width: 0;
      display: flex;
      flex-wrap: wrap;
      gap: 0 8px;
    }
    .name {
      font-weight: 500;
    }
    .username {
      color: rgba(0, 0, 0, 0.45);
    }
    .search {
      width: 100%;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class CoOwners {
  private readonly curriculum = inject(CurriculumService);
  private readonly auth = inject(AuthService);
  private readonly i18n = inject(I18nService);
  private readonly notifier = inject(ErrorNotifier);

  readonly course = input.required<AuthoredCourseDto>();
  readonly changed = output<AuthoredCourseDto>();

  /**
   * The owner or an administrator may change co-owners, on the live course (a revision shares them).
   * A trainer sees only courses they own or co-own, so one who is not listed as a co-owner is the owner.
   */
  readonly canEdit = computed(() => {
    if (this.course().revisionOf) return false;
    const user = this.auth.user();
    if (!user) return false;
    if (user.roles.includes('admin')) return true;
    return !this.course().coOwners.some((person) => person.username.toLowerCase() === user.username.toLowerCase());
  });

  protected readonly search$ = new Subject<string>();
  protected readonly searching = signal(false);
  protected readonly saving = signal(false);
  protected readonly error = signal<AppError | null>(null);
  protected readonly selected = signal<TrainerOption | null>(null);
  private readonly found = signal<TrainerOption[]>([]);
  /** Matches that are not already co-owners, nor the signed-in owner. */
  protected readonly options = computed(() => {
    const taken = new Set(this.course().coOwners.map((person) => person.username.toLowerCase()));
    const me = this.auth.user();
    if (me && !me.roles.includes('admin')) taken.add(me.username.toLowerCase());
    return this.found().filter((option) => !taken.has(option.username.toLowerCase()));
  });

  constructor() {
    this.search$
      .pipe(
        map((query) => query.trim()),
        debounceTime(250),
        distinctUntilChanged(),
        tap(() => this.searching.set(true)),
        switchMap((query) =>
          this.curriculum.trainers(query).pipe(
            catchError((err: unknown) => {
              this.error.set(toAppError(err));
              return of<TrainerOption[]>([]);
            }),
          ),
        ),
        takeUntilDestroyed(),
      )
      .subscribe((options) => {
        this.searching.set(false);
        this.found.set(options);
      });
  }

  protected errorMessage(error: AppError): string {
    if (error.error === 'FORBIDDEN') return this.i18n.t('teach.coOwners.forbidden');
    if (error.error === 'VALIDATION_FAILED') return this.i18n.t('teach.coOwners.invalid');
    return this.i18n.t(errorKey(error.error));
  }

  protected add(option: TrainerOption | null): void {
    this.selected.set(option);
    if (!option) return;
    const usernames = [...this.course().coOwners.map((person) => person.username), option.username];
    this.save(usernames, this.i18n.t('teach.coOwners.added', { name: option.name }));
  }

  protected remove(person: CourseCoOwner): void {
    const usernames = this.course()
      .coOwners.map((p) => p.username)
      .filter((username) => username !== person.username);
    this.save(usernames, this.i18n.t('teach.coOwners.removed', { name: person.name }));
  }

  private save(usernames: string[], done: string): void {
    this.error.set(null);
    this.saving.set(true);
    this.curriculum.setCoOwners(this.course().id, usernames).subscribe({
      next: (course) => {
        this.saving.set(false);
        this.selected.set(null);
        this.changed.emit(course);
        this.notifier.showSuccess(done);
      },
      error: (err: unknown) => {
        this.saving.set(false);
        this.selected.set(null);
        this.error.set(toAppError(err));
      },
    });
  }
}
