import { ChangeDetectionStrategy, Component, inject, input, output, signal } from '@angular/core';
import { toObservable, toSignal } from '@angular/core/rxjs-interop';
import { FormsModule } from '@angular/forms';
import type { ProgramCourseOption } from '@lingyan/contracts';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzEmptyModule } from 'ng-zorro-antd/empty';
import { NzIconModule } from 'ng-zorro-antd/icon';
import { NzInputModule } from 'ng-zorro-antd/input';
import { NzSpinModule } from 'ng-zorro-antd/spin';
import { NzTagModule } from 'ng-zorro-antd/tag';
import {
  Subject,
  catchError,
  combineLatest,
  debounceTime,
  distinctUntilChanged,
  map,
  of,
  startWith,
  switchMap,
} from 'rxjs';
import { AppError, toAppError } from '../../core/http/api-error';
import { TPipe } from '../../core/i18n/t.pipe';
import { errorKey } from '../../core/i18n/translation-key';
import { categoryKey, statusColor } from '../teach-format';
import { programStatusKey } from './program-format';
import { ProgramService } from './program.service';

type OptionsState =
  | { status: 'loading' }
  | { status: 'ok'; options: ProgramCourseOption[] }
  | { status: 'error'; error: AppError };

/** Finds courses to add to a program (published ones and the trainer's own drafts) by title. */
@Component({
  selector: 'app-course-picker',
  imports: [FormsModule, NzButtonModule, NzEmptyModule, NzIconModule, NzInputModule, NzSpinModule, NzTagModule, TPipe],
  template: `
    <nz-input-wrapper class="search">
      <nz-icon nzInputPrefix nzType="search" />
      <input
        nz-input
        type="search"
        data-testid="course-search"
        autocomplete="off"
        [attr.aria-label]="'programs.picker.search' | t"
        [placeholder]="'programs.picker.searchPlaceholder' | t"
        [ngModel]="query()"
        (ngModelChange)="query.set($event)"
      />
    </nz-input-wrapper>
    <p class="hint">{{ 'programs.picker.hint' | t }}</p>

    @switch (state().status) {
      @case ('loading') {
        <div class="state"><nz-spin nzSimple [nzTip]="'common.loading' | t" /></div>
      }
      @case ('error') {
        @let err = errorOf(state());
        <div class="state" role="alert" data-testid="picker-error">
          <p>{{ 'programs.picker.loadFailed' | t }} {{ errorKey(err.error) | t }}</p>
          <button nz-button type="button" (click)="retry()"><nz-icon nzType="reload" />{{ 'common.retry' | t }}</button>
        </div>
      }
      @default {
        @let options = optionsOf(state());
        @if (options.length === 0) {
          <div class="state" data-testid="picker-empty">
            <nz-empty [nzNotFoundContent]="(query().trim() ? 'programs.picker.noMatch' : 'programs.picker.none') | t" />
          </div>
        } @else {
          <ul class="options" data-testid="course-options" aria-live="polite">
            @for (option of options; track option.courseId) {
              @let isAdded = added().includes(option.courseId);
              <li class="option" data-testid="course-option">
                <div class="option-main">
                  <span class="option-title">{{ option.title }}</span>
                  <div class="option-meta">
                    <nz-tag>{{ categoryKey(option.category) | t }}</nz-tag>
                    <nz-tag [nzColor]="option.status === 'draft' ? 'orange' : statusColor(option.status)">{{
                      statusKey(option.status) | t
                    }}</nz-tag>
                    <span class="credits">{{ 'programs.credit.creditsValue' | t: { credits: option.credits } }}</span>
                    <span>{{ option.ownerName }}</span>
                  </div>
                  @if (option.status === 'draft') {
                    <p class="draft-note">{{ 'programs.picker.draftNote' | t }}</p>
                  }
                </div>
                <button
                  nz-button
                  type="button"
                  data-testid="course-option-add"
                  [nzType]="isAdded ? 'default' : 'primary'"
                  [disabled]="isAdded"
                  [attr.aria-label]="(isAdded ? 'programs.picker.added' : 'programs.picker.add') | t"
                  (click)="add.emit(option)"
                >
                  @if (isAdded) {
                    <nz-icon nzType="check" />{{ 'programs.picker.added' | t }}
                  } @else {
                    <nz-icon nzType="plus" />{{ 'programs.picker.add' | t }}
                  }
                </button>
              </li>
            }
          </ul>
        }
      }
    }
  `,
  styles: `
    .search {
      width: 100%;
    }
    .hint {
      margin: 6px 0 8px;
      font-size: 13px;
      color: rgba(0, 0, 0, 0.5);
    }
    .state {
      padding: 24px 0;
      text-align: center;
    }
    .options {
      margin: 0;
      padding: 0;
      list-style: none;
      max-height: min(56vh, 520px);
      overflow-y: auto;
    }
    .option {
      display: flex;
      align-items: center;
      gap: 12px;
      padding: 10px 2px;
      border-bottom: 1px solid #f0f0f0;
      &:last-child {
        border-bottom: 0;
      }
    }
    .option-main {
      flex: 1;
      min-width: 0;
    }
    .option-title {
      font-weight: 500;
      overflow-wrap: anywhere;
    }
    .option-meta {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 4px 8px;
      margin-top: 4px;
      font-size: 13px;
      color: rgba(0, 0, 0, 0.55);
      nz-tag {
        margin-right: 0;
      }
    }
    .credits {
      color: var(--ant-primary-color);
    }
    .draft-note {
      margin: 4px 0 0;
      font-size: 12px;
      color: #d46b08;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class CoursePicker {
  private readonly programs = inject(ProgramService);

  /** Ids of the courses already in the program. */
  readonly added = input<readonly string[]>([]);
  readonly add = output<ProgramCourseOption>();

  protected readonly errorKey = errorKey;
  protected readonly categoryKey = categoryKey;
  protected readonly statusKey = programStatusKey;
  protected readonly statusColor = statusColor;
  protected readonly query = signal('');
  private readonly reload$ = new Subject<void>();

  protected readonly state = toSignal(
    combineLatest([
      toObservable(this.query).pipe(
        map((q) => q.trim()),
        debounceTime(250),
        distinctUntilChanged(),
      ),
      this.reload$.pipe(startWith(undefined)),
    ]).pipe(
      switchMap(([q]) =>
        this.programs.courseOptions(q).pipe(
          map((options): OptionsState => ({ status: 'ok', options })),
          catchError((error: unknown) => of<OptionsState>({ status: 'error', error: toAppError(error) })),
          startWith<OptionsState>({ status: 'loading' }),
        ),
      ),
    ),
    { initialValue: { status: 'loading' } },
  );

  protected errorOf(state: OptionsState): AppError {
    return state.status === 'error' ? state.error : { statusCode: 0, error: 'UNKNOWN', message: '' };
  }

  protected optionsOf(state: OptionsState): ProgramCourseOption[] {
    return state.status === 'ok' ? state.options : [];
  }

  protected retry(): void {
    this.reload$.next();
  }
}
