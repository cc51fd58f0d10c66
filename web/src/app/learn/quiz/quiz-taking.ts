import {
  ChangeDetectionStrategy,
  Component,
  computed,
  inject,
  input,
  linkedSignal,
  signal,
  untracked,
} from '@angular/core';
import type { QuestionAnswer } from '@lingyan/contracts';
import { NzAlertModule } from 'ng-zorro-antd/alert';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzIconModule } from 'ng-zorro-antd/icon';
import { NzModalModule } from 'ng-zorro-antd/modal';
import { I18nService } from '../../core/i18n/i18n.service';
import { TPipe } from '../../core/i18n/t.pipe';
import { errorKey } from '../../core/i18n/translation-key';
import { isAnswered } from './answer-store';
import { formatClock, formatCountdown } from './quiz-clock';
import { QuizQuestion } from './quiz-question';
import { QuizSession } from './quiz-session';

/** Under this many seconds the countdown turns red. */
const LOW_SECONDS = 60;

/**
 * Taking an attempt, one question per screen (phones first): a sticky bar with the countdown, the
 * progress, the save state and the answer sheet (题目导航), the question, and previous / next at the
 * bottom. Leaving a question saves what is pending; submitting asks first, naming unanswered questions.
 */
@Component({
  selector: 'app-quiz-taking',
  imports: [NzAlertModule, NzButtonModule, NzIconModule, NzModalModule, TPipe, QuizQuestion],
  templateUrl: './quiz-taking.html',
  styleUrl: './quiz-taking.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class QuizTaking {
  private readonly i18n = inject(I18nService);

  readonly session = input.required<QuizSession>();
  readonly title = input<string | null>(null);

  protected readonly errorKey = errorKey;
  /** The question shown; an attempt resumes at its first unanswered question. */
  protected readonly index = linkedSignal({
    source: this.session,
    computation: (session) =>
      untracked(() => {
        const answers = session.answers();
        return Math.max(
          0,
          session.questions.findIndex((q) => !isAnswered(answers[q.id])),
        );
      }),
  });
  protected readonly navigatorOpen = signal(false);
  protected readonly confirmOpen = signal(false);

  protected readonly questions = computed(() => this.session().questions);
  protected readonly question = computed(() => this.questions()[Math.min(this.index(), this.questions().length - 1)]);
  protected readonly isLast = computed(() => this.index() >= this.questions().length - 1);
  protected readonly answered = computed(() => {
    const answers = this.session().answers();
    return this.questions().map((q) => isAnswered(answers[q.id]));
  });
  protected readonly unanswered = computed(() =>
    this.answered().flatMap((done, i) => (done ? [] : [{ index: i, number: i + 1 }])),
  );
  protected readonly countdown = computed(() => {
    const left = this.session().remaining();
    return left === null ? null : formatCountdown(left);
  });
  protected readonly low = computed(() => {
    const left = this.session().remaining();
    return left !== null && left < LOW_SECONDS;
  });
  /** The save line: what the trainee needs to know about their answers right now. */
  protected readonly saveText = computed(() => {
    const session = this.session();
    if (session.submitQueued()) return this.i18n.t('quiz.submitQueued');
    if (session.submitting()) return this.i18n.t('quiz.submitting');
    switch (session.status()) {
      case 'timeUp':
        return this.i18n.t('quiz.save.timeUp');
      case 'offline':
        return this.i18n.t(session.storedLocally() ? 'quiz.save.offline' : 'quiz.save.offlineMemory');
      case 'retrying':
        return this.i18n.t('quiz.save.retrying');
      case 'pending':
      case 'saving':
        return this.i18n.t('quiz.save.saving');
      case 'saved': {
        const savedAt = session.savedAt();
        return savedAt ? this.i18n.t('quiz.save.saved', { time: formatClock(savedAt) }) : this.i18n.t('quiz.save.idle');
      }
      default:
        return this.i18n.t('quiz.save.idle');
    }
  });
  protected readonly saveTone = computed(() => {
    const session = this.session();
    if (session.submitQueued() || session.status() === 'offline') return 'offline';
    if (session.status() === 'retrying' || session.status() === 'timeUp') return 'warn';
    if (session.status() === 'saved') return 'ok';
    return 'busy';
  });

  protected answerOf(questionId: string): QuestionAnswer | undefined {
    return this.session().answers()[questionId];
  }

  protected change(questionId: string, answer: QuestionAnswer): void {
    this.session().change(questionId, answer);
  }

  protected go(index: number): void {
    if (index < 0 || index >= this.questions().length || index === this.index()) return;
    this.session().saveNow();
    this.index.set(index);
    this.navigatorOpen.set(false);
    if (typeof window !== 'undefined') window.scrollTo({ top: 0 });
  }

  protected toggleNavigator(): void {
    this.navigatorOpen.update((open) => !open);
  }

  protected askSubmit(): void {
    if (this.session().locked()) return;
    this.session().saveNow();
    this.navigatorOpen.set(false);
    this.confirmOpen.set(true);
  }

  protected goUnanswered(index: number): void {
    this.confirmOpen.set(false);
    this.go(index);
  }

  protected submit(): void {
    this.confirmOpen.set(false);
    void this.session().submit('submitted');
  }
}
