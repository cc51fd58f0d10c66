import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { RouterLink } from '@angular/router';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzIconModule, provideNzIconsPatch } from 'ng-zorro-antd/icon';
import { AuthService } from '../../core/auth/auth.service';
import { TPipe } from '../../core/i18n/t.pipe';
import { EVALUATION_ICONS } from './evaluation-icons';
import { readRecentPrograms } from './recent-programs';

/**
 * The mentor home's part about evaluations (结业评价). There is no list of a mentor's pairings yet
 * (that comes with the mentoring screens): the programs the mentor opened the evaluation page of on
 * this device are listed to go back to, and otherwise a sentence says where the links come from.
 */
@Component({
  selector: 'app-mentor-evaluations',
  imports: [RouterLink, NzButtonModule, NzIconModule, TPipe],
  providers: [provideNzIconsPatch(EVALUATION_ICONS)],
  template: `
    <section class="ly-card panel" data-testid="mentor-evaluations">
      <h2>{{ 'results.mentorHome.title' | t }}</h2>
      @if (programs().length > 0) {
        <p class="text">{{ 'results.mentorHome.recentText' | t }}</p>
        <ul class="programs">
          @for (p of programs(); track p.id) {
            <li>
              <a class="program" [routerLink]="['/mentor/programs', p.id, 'evaluate']" data-testid="mentor-program">
                <span class="main">
                  <span class="title">{{ p.title ?? ('results.mentorHome.untitled' | t) }}</span>
                  <span class="meta">{{ 'results.mentorHome.mentees' | t: { count: p.trainees } }}</span>
                </span>
                <nz-icon nzType="right" />
              </a>
            </li>
          }
        </ul>
      } @else {
        <p class="text" data-testid="mentor-evaluations-empty">{{ 'results.mentorHome.emptyText' | t }}</p>
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
  private readonly auth = inject(AuthService);

  protected readonly programs = computed(() => {
    const user = this.auth.user();
    return user ? readRecentPrograms(user.id, 'mentor') : [];
  });
}
