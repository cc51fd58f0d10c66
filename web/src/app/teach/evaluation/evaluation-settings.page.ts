import { ChangeDetectionStrategy, Component, computed, inject, input, signal } from '@angular/core';
import { toObservable, toSignal } from '@angular/core/rxjs-interop';
import { FormsModule } from '@angular/forms';
import { RouterLink } from '@angular/router';
import {
  DEFAULT_EVALUATION_RUBRIC,
  RESULT_COMPONENTS,
  type ProgramEvaluationDto,
  type ResultComponent,
  type ResultFormula,
  type Rubric,
} from '@lingyan/contracts';
import { DEFAULT_RESULT_FORMULA, effectiveFormula, resultFormulaProblems, rubricProblems } from '@lingyan/domain';
import { NzAlertModule } from 'ng-zorro-antd/alert';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzIconModule, provideNzIconsPatch } from 'ng-zorro-antd/icon';
import { NzInputNumberModule } from 'ng-zorro-antd/input-number';
import { NzPopconfirmModule } from 'ng-zorro-antd/popconfirm';
import { NzResultModule } from 'ng-zorro-antd/result';
import { NzSpinModule } from 'ng-zorro-antd/spin';
import { NzSwitchModule } from 'ng-zorro-antd/switch';
import { NzTagModule } from 'ng-zorro-antd/tag';
import { combineLatest, switchMap } from 'rxjs';
import { toAppError, type AppError } from '../../core/http/api-error';
import { ErrorNotifier } from '../../core/http/error-notifier';
import { I18nService } from '../../core/i18n/i18n.service';
import { TPipe } from '../../core/i18n/t.pipe';
import { errorKey, type TranslationKey } from '../../core/i18n/translation-key';
import { formatDateTime } from '../../learn/learn-format';
import { loading, toLoadState } from '../../learn/load-state';
import { EvaluationApi } from '../../share/evaluation/evaluation-api.service';
import { BAND_KEYS, COMPONENT_KEYS, formatNumber } from '../../share/evaluation/evaluation-format';
import { EVALUATION_ICONS } from '../../share/evaluation/evaluation-icons';
import { EvaluationRubricEditor } from './rubric-editor';
import {
  cleanRubric,
  formulaMessages,
  rubricMessages,
  serverProblems,
  weightSum,
  type FormulaField,
} from './settings-form';

const COMPONENT_HINTS: Record<ResultComponent, TranslationKey> = {
  quizzes: 'results.settings.hint.quizzes',
  practical: 'results.settings.hint.practical',
  mentor: 'results.settings.hint.mentor',
  trainer: 'results.settings.hint.trainer',
};

const ABSENT_NOTES: Record<ResultComponent, TranslationKey> = {
  quizzes: 'results.settings.absent.quizzes',
  practical: 'results.settings.absent.practical',
  mentor: 'results.settings.absent.mentor',
  trainer: 'results.settings.absent.trainer',
};

const BAND_FIELDS = ['excellent', 'good', 'pass'] as const;
type BandField = (typeof BAND_FIELDS)[number];

/**
 * `teach/programs/:id/evaluation`: the program's evaluation settings for its owner or an
 * administrator — the rubric mentors and trainers evaluate trainees with, and the result formula:
 * the four weights (adding up to 100, the sum shown live), the band thresholds and whether the
 * credit hours are required. Components the program has nothing for are explained with the weights
 * that will apply. Checked as one types (`resultFormulaProblems`, `rubricProblems`); the server's
 * problems show on the same fields.
 */
@Component({
  selector: 'app-evaluation-settings-page',
  imports: [
    FormsModule,
    RouterLink,
    NzAlertModule,
    NzButtonModule,
    NzIconModule,
    NzInputNumberModule,
    NzPopconfirmModule,
    NzResultModule,
    NzSpinModule,
    NzSwitchModule,
    NzTagModule,
    TPipe,
    EvaluationRubricEditor,
  ],
  providers: [provideNzIconsPatch(EVALUATION_ICONS)],
  templateUrl: './evaluation-settings.page.html',
  styleUrl: './evaluation-settings.page.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class EvaluationSettingsPage {
  private readonly api = inject(EvaluationApi);
  private readonly i18n = inject(I18nService);
  private readonly notifier = inject(ErrorNotifier);

  /** The `:id` route parameter: the program. */
  readonly id = input.required<string>();

  protected readonly components = RESULT_COMPONENTS;
  protected readonly bandFields = BAND_FIELDS;
  protected readonly componentKeys = COMPONENT_KEYS;
  protected readonly bandKeys = BAND_KEYS;
  protected readonly componentHints = COMPONENT_HINTS;
  protected readonly absentNotes = ABSENT_NOTES;
  protected readonly errorKey = errorKey;
  protected readonly formatNumber = formatNumber;

  private readonly version = signal(0);
  protected readonly state = toSignal(
    combineLatest([toObservable(this.id), toObservable(this.version)]).pipe(
      switchMap(([id]) => toLoadState(this.api.settings(id))),
    ),
    { initialValue: loading<ProgramEvaluationDto>() },
  );
  protected readonly loadError = computed(() => {
    const state = this.state();
    return state.status === 'error' ? state.error : null;
  });

  /** What was saved last (or loaded); the form's changes are compared against it. */
  private readonly saved = signal<ProgramEvaluationDto | null>(null);
  protected readonly settings = computed(() => {
    const state = this.state();
    return this.saved() ?? (state.status === 'ok' ? state.value : null);
  });

  /** The form: null until the user changes something (the saved settings show until then). */
  private readonly draftRubric = signal<Rubric | null>(null);
  private readonly draftFormula = signal<ResultFormula | null>(null);
  protected readonly rubric = computed(
    () => this.draftRubric() ?? this.settings()?.rubric ?? DEFAULT_EVALUATION_RUBRIC,
  );
  protected readonly formula = computed(
    () => this.draftFormula() ?? this.settings()?.formula ?? DEFAULT_RESULT_FORMULA,
  );
  protected readonly dirty = computed(() => this.draftRubric() !== null || this.draftFormula() !== null);

  protected readonly saving = signal(false);
  protected readonly saveError = signal<AppError | null>(null);
  private readonly server = signal<{ rubric: string[]; formula: string[] }>({ rubric: [], formula: [] });

  protected readonly absent = computed(() => this.settings()?.absent ?? []);
  protected readonly sum = computed(() => weightSum(this.formula().weights));
  protected readonly sumOk = computed(() => Math.abs(this.sum() - 100) < 1e-9);
  /** The weights that will apply, when the program has nothing for some components. */
  protected readonly effective = computed(() =>
    this.sumOk() && this.absent().length > 0 ? effectiveFormula(this.formula(), this.absent()).weights : null,
  );

  protected readonly formulaMessages = computed(() =>
    formulaMessages([...resultFormulaProblems(this.formula()), ...this.server().formula]),
  );
  protected readonly rubricMessages = computed(() =>
    rubricMessages(this.rubric(), [...rubricProblems(this.rubric()), ...this.server().rubric]),
  );
  protected readonly problemCount = computed(() => this.formulaMessages().length + this.rubricMessages().length);

  protected readonly updatedAt = computed(() => {
    const at = this.settings()?.updatedAt;
    return at ? formatDateTime(at, this.i18n.lang()) : null;
  });

  protected messagesOf(field: FormulaField) {
    return this.formulaMessages().filter((m) => m.field === field);
  }

  protected hasProblem(field: FormulaField): boolean {
    return this.formulaMessages().some((m) => m.field === field);
  }

  protected weightField(component: ResultComponent): FormulaField {
    return `weight.${component}`;
  }

  protected bandField(band: BandField): FormulaField {
    return `band.${band}`;
  }

  protected isAbsent(component: ResultComponent): boolean {
    return this.absent().includes(component);
  }

  protected setWeight(component: ResultComponent, value: number | null): void {
    this.editFormula((f) => ({ ...f, weights: { ...f.weights, [component]: value ?? Number.NaN } }));
  }

  protected setBand(band: BandField, value: number | null): void {
    this.editFormula((f) => ({ ...f, bands: { ...f.bands, [band]: value ?? Number.NaN } }));
  }

  protected setCreditsRequired(value: boolean): void {
    this.editFormula((f) => ({ ...f, creditsRequired: value }));
  }

  protected setRubric(rubric: Rubric): void {
    this.draftRubric.set(rubric);
    this.server.update((s) => ({ ...s, rubric: [] }));
  }

  protected useDefaultRubric(): void {
    this.setRubric(DEFAULT_EVALUATION_RUBRIC);
  }

  protected useDefaultFormula(): void {
    this.editFormula(() => DEFAULT_RESULT_FORMULA);
  }

  protected discard(): void {
    this.draftRubric.set(null);
    this.draftFormula.set(null);
    this.server.set({ rubric: [], formula: [] });
    this.saveError.set(null);
  }

  protected reload(): void {
    this.saved.set(null);
    this.discard();
    this.version.update((v) => v + 1);
  }

  protected save(): void {
    if (this.saving() || this.problemCount() > 0) return;
    const formula = this.formula();
    this.saving.set(true);
    this.saveError.set(null);
    this.api
      .saveSettings(this.id(), {
        rubric: cleanRubric(this.rubric()),
        formula: { weights: formula.weights, bands: formula.bands, creditsRequired: formula.creditsRequired },
      })
      .subscribe({
        next: (settings) => {
          this.saving.set(false);
          this.saved.set(settings);
          this.draftRubric.set(null);
          this.draftFormula.set(null);
          this.notifier.showSuccess(this.i18n.t('results.settings.saved'));
        },
        error: (error: unknown) => {
          this.saving.set(false);
          const appError = toAppError(error);
          this.server.set(serverProblems(appError.details));
          this.saveError.set(appError);
        },
      });
  }

  private editFormula(change: (formula: ResultFormula) => ResultFormula): void {
    this.draftFormula.set(change(this.formula()));
    this.server.update((s) => ({ ...s, formula: [] }));
  }
}
