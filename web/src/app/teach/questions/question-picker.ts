import { ChangeDetectionStrategy, Component, computed, input, model, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import type { QuestionDto, QuestionKind } from '@lingyan/contracts';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzCheckboxModule } from 'ng-zorro-antd/checkbox';
import { NzEmptyModule } from 'ng-zorro-antd/empty';
import { NzIconModule } from 'ng-zorro-antd/icon';
import { NzInputModule } from 'ng-zorro-antd/input';
import { NzSelectModule } from 'ng-zorro-antd/select';
import { NzTagModule } from 'ng-zorro-antd/tag';
import { TPipe } from '../../core/i18n/t.pipe';
import {
  DIFFICULTY_COLORS,
  KIND_COLORS,
  QUESTION_KINDS,
  difficultyKey,
  questionKindKey,
  stemLine,
} from './question-format';

/**
 * A searchable checklist of the bank's questions (loaded whole by the quiz settings) to choose a fixed
 * quiz's questions from. Ticking adds a question at the end of the selection; unticking removes it.
 */
@Component({
  selector: 'app-question-picker',
  imports: [
    FormsModule,
    NzButtonModule,
    NzCheckboxModule,
    NzEmptyModule,
    NzIconModule,
    NzInputModule,
    NzSelectModule,
    NzTagModule,
    TPipe,
  ],
  template: `
    <div class="filters">
      <nz-input-wrapper class="search">
        <nz-icon nzInputPrefix nzType="search" />
        <input
          nz-input
          type="search"
          autocomplete="off"
          data-testid="picker-search"
          [attr.aria-label]="'questions.bank.search' | t"
          [placeholder]="'questions.bank.search' | t"
          [ngModel]="query()"
          (ngModelChange)="query.set($event)"
        />
      </nz-input-wrapper>
      <nz-select
        nzAllowClear
        data-testid="picker-kind"
        [nzPlaceHolder]="'questions.bank.anyKind' | t"
        [ngModel]="kind()"
        (ngModelChange)="kind.set($event)"
      >
        @for (k of kinds; track k) {
          <nz-option [nzValue]="k" [nzLabel]="kindKey(k) | t" />
        }
      </nz-select>
      <nz-select
        nzAllowClear
        nzShowSearch
        data-testid="picker-tag"
        [nzPlaceHolder]="'questions.bank.anyTag' | t"
        [ngModel]="tag()"
        (ngModelChange)="tag.set($event)"
      >
        @for (t of tags(); track t) {
          <nz-option [nzValue]="t" [nzLabel]="t" />
        }
      </nz-select>
    </div>
    <div class="bar">
      <span data-testid="picker-count">{{
        'questions.picker.count' | t: { shown: shown().length, chosen: selected().length }
      }}</span>
      @if (shown().length > 0) {
        <button nz-button nzType="link" nzSize="small" type="button" data-testid="picker-all" (click)="tickAll()">
          {{ 'questions.picker.tickAll' | t }}
        </button>
      }
    </div>
    @if (shown().length === 0) {
      <nz-empty
        class="empty"
        [nzNotFoundContent]="(bank().length === 0 ? 'questions.picker.emptyBank' : 'questions.bank.emptyFiltered') | t"
      />
    } @else {
      <ul class="list" data-testid="picker-list">
        @for (q of shown(); track q.id) {
          <li>
            <label
              nz-checkbox
              class="item"
              data-testid="picker-item"
              [nzId]="'pick-' + q.id"
              [for]="'pick-' + q.id"
              [nzChecked]="chosen().has(q.id)"
              (nzCheckedChange)="toggle(q.id, $event)"
            >
              <span class="item-main">
                <span class="stem">{{ stemLine(q.stem) }}</span>
                <span class="meta">
                  <nz-tag [nzColor]="kindColors[q.kind]">{{ kindKey(q.kind) | t }}</nz-tag>
                  <nz-tag [nzColor]="difficultyColors[q.difficulty]">{{ difficultyKey(q.difficulty) | t }}</nz-tag>
                  <span>{{ 'questions.bank.points' | t: { points: q.points } }}</span>
                  @for (t of q.tags; track t) {
                    <span class="tag">#{{ t }}</span>
                  }
                </span>
              </span>
            </label>
          </li>
        }
      </ul>
    }
  `,
  styles: `
    .filters {
      display: grid;
      grid-template-columns: minmax(0, 2fr) minmax(0, 1fr) minmax(0, 1fr);
      gap: 8px;
    }
    @media (max-width: 575px) {
      .filters {
        grid-template-columns: minmax(0, 1fr) minmax(0, 1fr);
      }
      .search {
        grid-column: 1 / -1;
      }
    }
    .bar {
      display: flex;
      align-items: center;
      justify-content: space-between;
      margin: 8px 0;
      font-size: 13px;
      color: rgba(0, 0, 0, 0.55);
    }
    .list {
      max-height: min(52vh, 480px);
      overflow: auto;
      margin: 0;
      padding: 0;
      list-style: none;
      border: 1px solid #f0f0f0;
      border-radius: 6px;
    }
    li + li {
      border-top: 1px solid #f0f0f0;
    }
    .item {
      display: flex;
      align-items: flex-start;
      width: 100%;
      margin: 0;
      padding: 10px 12px;
    }
    .item-main {
      display: flex;
      flex-direction: column;
      gap: 4px;
      min-width: 0;
    }
    .stem {
      line-height: 1.5;
    }
    .meta {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 4px 6px;
      font-size: 12px;
      color: rgba(0, 0, 0, 0.55);
    }
    .meta nz-tag {
      margin: 0;
    }
    .empty {
      margin: 24px 0;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class QuestionPicker {
  readonly bank = input.required<QuestionDto[]>();
  /** The chosen question ids, in order. */
  readonly selected = model.required<string[]>();

  protected readonly kinds = QUESTION_KINDS;
  protected readonly kindKey = questionKindKey;
  protected readonly difficultyKey = difficultyKey;
  protected readonly kindColors = KIND_COLORS;
  protected readonly difficultyColors = DIFFICULTY_COLORS;
  protected readonly stemLine = stemLine;

  protected readonly query = signal('');
  protected readonly kind = signal<QuestionKind | null>(null);
  protected readonly tag = signal<string | null>(null);
  protected readonly tags = computed(() => [...new Set(this.bank().flatMap((q) => q.tags))].sort());
  protected readonly chosen = computed(() => new Set(this.selected()));
  protected readonly shown = computed(() => {
    const query = this.query().trim().toLowerCase();
    const kind = this.kind();
    const tag = this.tag();
    return this.bank().filter(
      (q) =>
        (!query || q.stem.toLowerCase().includes(query)) &&
        (!kind || q.kind === kind) &&
        (!tag || q.tags.includes(tag)),
    );
  });

  protected toggle(id: string, checked: boolean): void {
    const others = this.selected().filter((s) => s !== id);
    this.selected.set(checked ? [...others, id] : others);
  }

  /** Ticks every question shown (in bank order), keeping those ticked already where they are. */
  protected tickAll(): void {
    const chosen = this.chosen();
    this.selected.set([
      ...this.selected(),
      ...this.shown()
        .filter((q) => !chosen.has(q.id))
        .map((q) => q.id),
    ]);
  }
}
