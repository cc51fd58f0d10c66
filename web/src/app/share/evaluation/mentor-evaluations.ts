import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import { toObservable, toSignal } from '@angular/core/rxjs-interop';
import { RouterLink } from '@angular/router';
import type { MentorProgramDto } from '@lingyan/contracts';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzIconModule, provideNzIconsPatch } from 'ng-zorro-antd/icon';
import { NzSkeletonModule } from 'ng-zorro-antd/skeleton';
import { Subject, merge, switchMap } from 'rxjs';
import { TPipe } from '../../core/i18n/t.pipe';
import { loading, toLoadState } from '../../learn/load-state';
import { LoadError } from '../load-error/load-error';
import { EvaluationApi } from './evaluation-api.service';
import { EVALUATION_ICONS } from './evaluation-icons';

/**
 * The mentor home's part about evaluations (结业评价): the programs in which the mentor has mentees,
 * with how many of them the mentor has evaluated, each opening the evaluation page.
 */
@Component({
  selector: 'app-mentor-evaluations',
  imports: [RouterLink, NzButtonModule, NzIconModule, NzSkeletonModule, TPipe, LoadError],
  providers: [provideNzIconsPatch(EVALUATION_ICONS)],
  template: `
    <section class="ly-card panel" data-testid="mentor-evaluations">
      <h2>{{ 'results.mentorHome.title' | t }}</h2>
      @if (state().status === 'loading') {
        <nz-skeleton [nzActive]="true" [nzTitle]="false" [nzParagraph]="{ rows: 2 }" />
      } @else if (error(); as e) {
        <app-load-error title="results.mentorHome.loadError" [error]="e" (retry)="reload$.next()" />
      } @else if (programs(); as list) {
        @if (list.length > 0) {
          <p class="text">{{ 'results.mentorHome.text' | t }}</p>
          <ul class="programs">
            @for (p of list; track p.id) {
              <li>
                <a
                  class="program"
                  [routerLink]="['/mentor/programs', p.id, 'evaluate']"
                  data-testid="mentor-program"
                  [attr.data-program]="p.id"
                >
                  <span class="main">
                    <span class="title">{{ p.title }}</span>
                    <span class="meta" data-testid="mentor-program-counts">{{
                      'results.mentorHome.counts' | t: { mentees: p.mentees, evaluated: p.evaluated }
                    }}</span>
                  </span>
                  <nz-icon nzType="right" />
                </a>
              </li>
            }
          </ul>
        } @else {
          <p class="text" data-testid="mentor-evaluations-empty">{{ 'results.mentorHome.emptyText' | t }}</p>
        }
      }
    </section>
  `,
  styles: `
    .panel {
      padding: 16px;
      h2 {
        margin: 0 0 4px;
        font-size: 16px;
        font-weight: 600;
      }
    }
    .text {
      margin: 0;
      color: rgba(0, 0, 0, 0.6);
    }
    .programs {
      margin: 8px 0 0;
      padding: 0;
      list-style: none;
    }
    .program {
      display: flex;
      align-items: center;
      gap: 8px;
      min-height: 52px;
      padding: 8px 0;
      border-bottom: 1px solid #f0f0f0;
      color: inherit;
    }
    .main {
      display: flex;
      flex: 1;
      flex-direction: column;
      min-width: 0;
    }
    .title {
      font-weight: 500;
    }
    .meta {
      font-size: 12px;
      color: rgba(0, 0, 0, 0.5);
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class MentorEvaluations {
  private readonly api = inject(EvaluationApi);

  /** Changed by the page when the mentor's pairings changed (one accepted, say): the list loads again. */
  readonly version = input(0);

  protected readonly reload$ = new Subject<void>();
  protected readonly state = toSignal(
    merge(toObservable(this.version), this.reload$).pipe(switchMap(() => toLoadState(this.api.mentorPrograms()))),
    { initialValue: loading<MentorProgramDto[]>() },
  );

  protected readonly programs = computed(() => {
    const state = this.state();
    return state.status === 'ok' ? state.value : null;
  });
  protected readonly error = computed(() => {
    const state = this.state();
    return state.status === 'error' ? state.error : null;
  });
}
