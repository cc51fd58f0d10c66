import { ChangeDetectionStrategy, Component, computed, input, output } from '@angular/core';
import type { AttemptQuestionDto, QuestionAnswer } from '@lingyan/contracts';
import { NzInputModule } from 'ng-zorro-antd/input';
import { NzTagModule } from 'ng-zorro-antd/tag';
import { TPipe } from '../../core/i18n/t.pipe';
import { emptyAnswer } from './answer-store';
import { formatPoints, optionLetter, questionKindKey, stemParts } from './quiz-format';

/**
 * One question with its inputs: option cards (single: radios, multiple: checkboxes), 对 / 错, one
 * text box per blank, or a text area. Large touch targets; real inputs inside labels for screen readers.
 */
@Component({
  selector: 'app-quiz-question',
  imports: [NzInputModule, NzTagModule, TPipe],
  templateUrl: './quiz-question.html',
  styleUrl: './quiz-question.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class QuizQuestion {
  readonly question = input.required<AttemptQuestionDto>();
  readonly number = input.required<number>();
  readonly total = input.required<number>();
  readonly answer = input<QuestionAnswer | undefined>(undefined);
  readonly disabled = input(false);
  readonly answerChange = output<QuestionAnswer>();
  /** A text box lost the focus (the trainee is done with it: a good moment to save). */
  readonly settled = output<void>();

  protected readonly letter = optionLetter;
  protected readonly kindKey = questionKindKey;
  protected readonly formatPoints = formatPoints;
  protected readonly stemId = computed(() => `stem-${this.question().id}`);
  protected readonly parts = computed(() => stemParts(this.question().stem));
  /** The answer shown: the given one, or an empty one of the question's kind. */
  protected readonly current = computed(() => {
    const answer = this.answer();
    const question = this.question();
    return answer && answer.kind === question.kind ? answer : emptyAnswer(question);
  });
  protected readonly blanks = computed(() => {
    const current = this.current();
    const values = current.kind === 'fill_blank' ? current.blanks : [];
    return Array.from({ length: Math.max(this.question().blankCount, 1) }, (_, i) => values[i] ?? '');
  });
  protected readonly text = computed(() => {
    const current = this.current();
    return current.kind === 'short_answer' ? current.text : '';
  });

  protected isChosen(optionId: string): boolean {
    const current = this.current();
    if (current.kind === 'single') return current.optionId === optionId;
    if (current.kind === 'multiple') return current.optionIds.includes(optionId);
    return false;
  }

  protected isValue(value: boolean): boolean {
    const current = this.current();
    return current.kind === 'true_false' && current.value === value;
  }

  protected pickSingle(optionId: string): void {
    this.answerChange.emit({ kind: 'single', optionId });
  }

  protected toggleMultiple(optionId: string, checked: boolean): void {
    const current = this.current();
    const chosen = current.kind === 'multiple' ? current.optionIds.filter((id) => id !== optionId) : [];
    if (checked) chosen.push(optionId);
    // in the order the options are shown
    const order = this.question().options.map((o) => o.id);
    this.answerChange.emit({ kind: 'multiple', optionIds: order.filter((id) => chosen.includes(id)) });
  }

  protected pickValue(value: boolean): void {
    this.answerChange.emit({ kind: 'true_false', value });
  }

  protected setBlank(index: number, event: Event): void {
    const blanks = [...this.blanks()];
    blanks[index] = (event.target as HTMLInputElement).value;
    this.answerChange.emit({ kind: 'fill_blank', blanks: blanks.slice(0, this.question().blankCount) });
  }

  protected setText(event: Event): void {
    this.answerChange.emit({ kind: 'short_answer', text: (event.target as HTMLTextAreaElement).value });
  }

  protected checked(event: Event): boolean {
    return (event.target as HTMLInputElement).checked;
  }
}
