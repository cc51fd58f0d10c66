import { ChangeDetectionStrategy, Component, computed, inject, input, output } from '@angular/core';
import { RouterLink } from '@angular/router';
import type { AttemptDto, QuizOverviewDto } from '@lingyan/contracts';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzIconModule } from 'ng-zorro-antd/icon';
import { NzTagModule } from 'ng-zorro-antd/tag';
import { I18nService } from '../../core/i18n/i18n.service';
import { TPipe } from '../../core/i18n/t.pipe';
import { formatDateTime } from '../learn-format';
import {
  OUTCOME_COLORS,
  answerLines,
  formatPoints,
  keyLines,
  outcomeKey,
  questionKindKey,
  stemParts,
} from './quiz-format';

/**
 * A submitted attempt: the score, the percent and whether it passed (or waits for a trainer), then
 * question by question the outcome and points, the trainee's answer, and — once their attempts are
 * over — the correct answer and the explanation; a trainer's comment on a short answer.
 */
@Component({
  selector: 'app-quiz-result',
  imports: [RouterLink, NzButtonModule, NzIconModule, NzTagModule, TPipe],
  templateUrl: './quiz-result.html',
  styleUrl: './quiz-result.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class QuizResult {
  private readonly i18n = inject(I18nService);

  readonly attempt = input.required<AttemptDto>();
  readonly overview = input<QuizOverviewDto | null>(null);
  readonly starting = input(false);
  readonly retake = output<void>();

  protected readonly formatPoints = formatPoints;
  protected readonly kindKey = questionKindKey;
  protected readonly outcomeKey = outcomeKey;
  protected readonly outcomeColors = OUTCOME_COLORS;

  protected readonly verdict = computed<'passed' | 'failed' | 'pending'>(() => {
    const attempt = this.attempt();
    if (attempt.passed === null) return 'pending';
    return attempt.passed ? 'passed' : 'failed';
  });
  protected readonly submittedAt = computed(() => {
    const at = this.attempt().submittedAt;
    return at ? formatDateTime(at, this.i18n.lang()) : null;
  });
  protected readonly revealed = computed(() => (this.attempt().results ?? []).some((r) => r.key !== null));
  protected readonly rows = computed(() => {
    const attempt = this.attempt();
    const results = new Map((attempt.results ?? []).map((r) => [r.questionId, r]));
    return attempt.questions.map((question, i) => {
      const result = results.get(question.id) ?? null;
      return {
        question,
        number: i + 1,
        stem: question.kind === 'fill_blank' ? stemParts(question.stem).join('____') : question.stem,
        result,
        points: result?.points ?? null,
        outcome: result?.outcome ?? 'pending',
        answer: answerLines(question, attempt.answers[question.id]),
        key: result?.key ? keyLines(question, result.key) : null,
      };
    });
  });
  protected readonly canRetake = computed(() => {
    const overview = this.overview();
    if (!overview || overview.openAttemptId !== null) return false;
    return overview.attemptsLeft === null || overview.attemptsLeft > 0;
  });
}
