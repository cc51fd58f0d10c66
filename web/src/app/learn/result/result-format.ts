import {
  RESULT_COMPONENTS,
  type CompositeResult,
  type ProgramResultDto,
  type ResultComponent,
  type ResultItemDto,
  type TraineeEvaluationDto,
} from '@lingyan/contracts';
import type { BandOrPending } from '../../share/evaluation/evaluation-format';

/**
 * Why a component's weight is not the one the program set: the program has nothing for it and its
 * weight went to the others ('absent'), it received part of such a weight ('received'), or the program
 * does not count it at all ('unused').
 */
export type WeightNote = 'absent' | 'received' | 'unused' | null;

/** One component of a result as the trainee reads it. */
export interface BreakdownRow {
  component: ResultComponent;
  /** The weight that applies (after sharing out the weight of absent components). */
  weight: number;
  /** The weight the program set. */
  formulaWeight: number;
  note: WeightNote;
  score: number | null;
  contribution: number | null;
  /** Still needed for a final result. */
  missing: boolean;
  /** Quizzes or assignments behind the score (empty for evaluations). */
  items: ResultItemDto[];
  /** Some items are not done yet while others are: they count 0 in the average. */
  undoneCount: number;
  /** The mentors' or trainers' evaluations behind the score. */
  evaluations: TraineeEvaluationDto[];
}

const samePercent = (a: number, b: number) => Math.abs(a - b) < 0.005;

/** Every component, in the usual order, with its weight, score, contribution and what is behind it. */
export function breakdown(dto: ProgramResultDto): BreakdownRow[] {
  return RESULT_COMPONENTS.map((component) => {
    const part = dto.result.parts.find((p) => p.component === component);
    const weight = dto.effectiveWeights[component] ?? part?.weight ?? 0;
    const formulaWeight = dto.formula.weights[component] ?? 0;
    const items = component === 'quizzes' || component === 'practical' ? dto.items[component] : [];
    const evaluations =
      component === 'mentor' || component === 'trainer' ? dto.evaluations.filter((e) => e.role === component) : [];
    const score = part?.score ?? null;
    return {
      component,
      weight,
      formulaWeight,
      note: weightNote(weight, formulaWeight),
      score,
      contribution: part?.contribution ?? null,
      missing: dto.result.missing.includes(component),
      items,
      undoneCount: score === null ? 0 : items.filter((i) => i.percent === null).length,
      evaluations,
    };
  });
}

function weightNote(weight: number, formulaWeight: number): WeightNote {
  if (formulaWeight <= 0 && weight <= 0) return 'unused';
  if (formulaWeight > 0 && weight <= 0) return 'absent';
  if (!samePercent(weight, formulaWeight) && weight > formulaWeight) return 'received';
  return null;
}

/** The band of a result, or 'pending' while a part is missing. */
export function bandOf(result: Pick<CompositeResult, 'state' | 'band'>): BandOrPending {
  return result.state === 'final' && result.band ? result.band : 'pending';
}

/** Earned credit hours as a percent of the required ones, 0–100 (100 when nothing is required). */
export function creditsPercent(earned: number, required: number): number {
  if (required <= 0) return 100;
  return Math.max(0, Math.min(100, Math.round((earned / required) * 100)));
}

/** The components absent from the program whose weight went to the others. */
export function absentComponents(rows: readonly BreakdownRow[]): ResultComponent[] {
  return rows.filter((r) => r.note === 'absent').map((r) => r.component);
}
