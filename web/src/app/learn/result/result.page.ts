import { ChangeDetectionStrategy, Component, computed, inject, input, signal } from '@angular/core';
import { toObservable, toSignal } from '@angular/core/rxjs-interop';
import { RouterLink } from '@angular/router';
import type { ProgramResultDto, ResultComponent, Rubric, TraineeEvaluationDto } from '@lingyan/contracts';
import { NzAlertModule } from 'ng-zorro-antd/alert';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzIconModule, provideNzIconsPatch } from 'ng-zorro-antd/icon';
import { NzProgressModule } from 'ng-zorro-antd/progress';
import { NzResultModule } from 'ng-zorro-antd/result';
import { NzSkeletonModule } from 'ng-zorro-antd/skeleton';
import { NzTagModule } from 'ng-zorro-antd/tag';
import { combineLatest, switchMap } from 'rxjs';
import { I18nService } from '../../core/i18n/i18n.service';
import { TPipe } from '../../core/i18n/t.pipe';
import { errorKey } from '../../core/i18n/translation-key';
import { EvaluationApi } from '../../share/evaluation/evaluation-api.service';
import {
  BAND_COLORS,
  BAND_KEYS,
  BAND_TAG_COLORS,
  COMPONENT_KEYS,
  evaluationLevels,
  formatNumber,
  formatScore,
  rubricOf,
} from '../../share/evaluation/evaluation-format';
import { EVALUATION_ICONS } from '../../share/evaluation/evaluation-icons';
import { formatCredits, formatDate } from '../learn-format';
import { loading, toLoadState } from '../load-state';
import { absentComponents, bandOf, breakdown, creditsPercent } from './result-format';

/**
 * `learn/programs/:id/result`: the trainee's result (结业成绩) in a program — the score and band (or
 * 评定中 and what is still missing), how it was made (each component's weight, score and
 * contribution, the quizzes and assignments behind them, the mentors' and trainers' evaluations),
 * and the credit-hour requirement. Phone first.
 */
@Component({
  selector: 'app-result-page',
  imports: [
    RouterLink,
    NzAlertModule,
    NzButtonModule,
    NzIconModule,
    NzProgressModule,
    NzResultModule,
    NzSkeletonModule,
    NzTagModule,
    TPipe,
  ],
  providers: [provideNzIconsPatch(EVALUATION_ICONS)],
  templateUrl: './result.page.html',
  styleUrl: './result.page.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ResultPage {
  private readonly api = inject(EvaluationApi);
  private readonly i18n = inject(I18nService);

  /** The `:id` route parameter: the program. */
  readonly id = input.required<string>();

  protected readonly errorKey = errorKey;
  protected readonly bandKeys = BAND_KEYS;
  protected readonly bandTagColors = BAND_TAG_COLORS;
  protected readonly bandColors = BAND_COLORS;
  protected readonly componentKeys = COMPONENT_KEYS;
  protected readonly formatScore = formatScore;
  protected readonly formatNumber = formatNumber;
  protected readonly formatCredits = formatCredits;

  private readonly version = signal(0);
  protected readonly state = toSignal(
    combineLatest([toObservable(this.id), toObservable(this.version)]).pipe(
      switchMap(([id]) => toLoadState(this.api.myResult(id))),
    ),
    { initialValue: loading<ProgramResultDto>() },
  );
  protected readonly dto = computed(() => {
    const state = this.state();
    return state.status === 'ok' ? state.value : null;
  });
  protected readonly error = computed(() => {
    const state = this.state();
    return state.status === 'error' ? state.error : null;
  });

  protected readonly band = computed(() => {
    const dto = this.dto();
    return dto ? bandOf(dto.result) : 'pending';
  });
  protected readonly rows = computed(() => {
    const dto = this.dto();
    return dto ? breakdown(dto) : [];
  });
  /** The components that count, for the formula line. */
  protected readonly counted = computed(() => this.rows().filter((r) => r.weight > 0));
  /** "测验 × 40% + 实践作业 × 30% + …" */
  protected readonly formula = computed(() =>
    this.counted()
      .map((r) => `${this.i18n.t(COMPONENT_KEYS[r.component])} × ${formatNumber(r.weight, 2)}%`)
      .join(' + '),
  );
  protected readonly absent = computed(() => absentComponents(this.rows()));
  protected readonly missingText = computed(() => this.names(this.dto()?.result.missing ?? []));
  protected readonly absentText = computed(() => this.names(this.absent()));
  protected readonly creditsPercent = computed(() => {
    const dto = this.dto();
    return dto ? creditsPercent(dto.earnedCredits, dto.requiredCredits) : 0;
  });
  /** What the score alone would give, for "学时不足" (the thresholds without the credit rule). */
  protected readonly bandByScore = computed(() => {
    const dto = this.dto();
    if (!dto) return null;
    const { excellent, good, pass } = dto.formula.bands;
    const score = dto.result.score;
    return score >= excellent ? 'excellent' : score >= good ? 'good' : score >= pass ? 'pass' : 'fail';
  });

  protected reload(): void {
    this.version.update((v) => v + 1);
  }

  protected levels(evaluation: TraineeEvaluationDto, programRubric: Rubric) {
    // the levels are shown only while the program's rubric still reads the evaluation as it was given
    const rubric = rubricOf(evaluation, [programRubric]);
    return rubric ? evaluationLevels(rubric, evaluation.selection) : [];
  }

  protected date(value: string): string {
    return formatDate(value, this.i18n.lang());
  }

  private names(components: readonly ResultComponent[]): string {
    const separator = this.i18n.lang() === 'zh' ? '、' : ', ';
    return components.map((c) => this.i18n.t(COMPONENT_KEYS[c])).join(separator);
  }
}
