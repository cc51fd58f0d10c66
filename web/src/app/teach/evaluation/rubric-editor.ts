import { ChangeDetectionStrategy, Component, computed, inject, input, model } from '@angular/core';
import { FormsModule } from '@angular/forms';
import type { Rubric, RubricCriterion, RubricLevel } from '@lingyan/contracts';
import { rubricMaxPoints } from '@lingyan/domain';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzIconModule } from 'ng-zorro-antd/icon';
import { NzInputModule } from 'ng-zorro-antd/input';
import { NzInputNumberModule } from 'ng-zorro-antd/input-number';
import { NzTooltipModule } from 'ng-zorro-antd/tooltip';
import { I18nService } from '../../core/i18n/i18n.service';
import { TPipe } from '../../core/i18n/t.pipe';
import { formatNumber } from '../../share/evaluation/evaluation-format';
import {
  MAX_RUBRIC_CRITERIA,
  MAX_RUBRIC_LEVEL_POINTS,
  MAX_RUBRIC_LEVELS,
  nextCriterionId,
  type RubricMessage,
} from './settings-form';

/**
 * Edits an evaluation rubric: criteria (name, optional description, move up or down, remove) and
 * each criterion's levels (label and points, add, remove). Problems show on their criterion and level.
 */
@Component({
  selector: 'app-evaluation-rubric-editor',
  imports: [FormsModule, NzButtonModule, NzIconModule, NzInputModule, NzInputNumberModule, NzTooltipModule, TPipe],
  templateUrl: './rubric-editor.html',
  styleUrl: './rubric-editor.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class EvaluationRubricEditor {
  private readonly i18n = inject(I18nService);

  readonly rubric = model.required<Rubric>();
  readonly messages = input<readonly RubricMessage[]>([]);
  readonly disabled = input(false);

  protected readonly maxCriteria = MAX_RUBRIC_CRITERIA;
  protected readonly maxLevels = MAX_RUBRIC_LEVELS;
  protected readonly maxPoints = MAX_RUBRIC_LEVEL_POINTS;

  protected readonly total = computed(() => formatNumber(rubricMaxPoints(this.rubric()), 2));
  protected readonly general = computed(() => this.messages().filter((m) => m.criterion === null));

  protected criterionMax(criterion: RubricCriterion): string {
    return formatNumber(Math.max(0, ...criterion.levels.map((l) => (Number.isFinite(l.points) ? l.points : 0))), 2);
  }

  protected criterionMessages(index: number) {
    return this.messages().filter((m) => m.criterion === index && m.level === null);
  }

  protected levelMessages(index: number, level: number) {
    return this.messages().filter((m) => m.criterion === index && m.level === level);
  }

  protected setCriterion(index: number, patch: Partial<RubricCriterion>): void {
    this.update((criteria) => criteria.map((c, i) => (i === index ? { ...c, ...patch } : c)));
  }

  protected setLevel(index: number, level: number, patch: Partial<RubricLevel>): void {
    this.update((criteria) =>
      criteria.map((c, i) =>
        i === index ? { ...c, levels: c.levels.map((l, j) => (j === level ? { ...l, ...patch } : l)) } : c,
      ),
    );
  }

  protected setPoints(index: number, level: number, value: number | null): void {
    this.setLevel(index, level, { points: value ?? Number.NaN });
  }

  protected addLevel(index: number): void {
    this.update((criteria) =>
      criteria.map((c, i) => {
        if (i !== index) return c;
        const best = Math.max(0, ...c.levels.map((l) => (Number.isFinite(l.points) ? l.points : 0)));
        return { ...c, levels: [...c.levels, { label: '', points: best + 2 }] };
      }),
    );
  }

  protected removeLevel(index: number, level: number): void {
    this.update((criteria) =>
      criteria.map((c, i) => (i === index ? { ...c, levels: c.levels.filter((_, j) => j !== level) } : c)),
    );
  }

  protected addCriterion(): void {
    const t = (key: Parameters<I18nService['t']>[0]) => this.i18n.t(key);
    const id = nextCriterionId(this.rubric());
    this.update((criteria) => [
      ...criteria,
      {
        id,
        name: '',
        levels: [
          { label: t('results.rubric.level1'), points: 4 },
          { label: t('results.rubric.level2'), points: 6 },
          { label: t('results.rubric.level3'), points: 8 },
          { label: t('results.rubric.level4'), points: 10 },
        ],
      },
    ]);
  }

  protected removeCriterion(index: number): void {
    this.update((criteria) => criteria.filter((_, i) => i !== index));
  }

  protected move(index: number, by: -1 | 1): void {
    this.update((criteria) => {
      const target = index + by;
      if (target < 0 || target >= criteria.length) return criteria;
      const next = [...criteria];
      [next[index], next[target]] = [next[target], next[index]];
      return next;
    });
  }

  private update(change: (criteria: RubricCriterion[]) => RubricCriterion[]): void {
    this.rubric.update((rubric) => ({ criteria: change(rubric.criteria) }));
  }
}
