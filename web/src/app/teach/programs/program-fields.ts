import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import { AbstractControl, ReactiveFormsModule } from '@angular/forms';
import { PROGRAM_KINDS } from '@lingyan/contracts';
import { NzFormModule } from 'ng-zorro-antd/form';
import { NzInputModule } from 'ng-zorro-antd/input';
import { NzInputNumberModule } from 'ng-zorro-antd/input-number';
import { NzSelectModule } from 'ng-zorro-antd/select';
import { I18nService } from '../../core/i18n/i18n.service';
import { TPipe } from '../../core/i18n/t.pipe';
import { CreditTableEditor } from './credit-table-editor';
import { DESCRIPTION_MAX, MAX_REQUIRED_CREDITS, MAX_YEAR, MIN_YEAR, ProgramForm, TITLE_MAX } from './program-form';
import { programKindKey } from './program-format';
import { programMessage } from './program-messages';

/** The fields of a program (shared by "new program" and the program editor), with its credit table. */
@Component({
  selector: 'app-program-fields',
  imports: [
    ReactiveFormsModule,
    NzFormModule,
    NzInputModule,
    NzInputNumberModule,
    NzSelectModule,
    TPipe,
    CreditTableEditor,
  ],
  template: `
    @let f = form();
    <nz-form-item>
      <nz-form-label nzFor="p-title" nzRequired>{{ 'programs.form.title' | t }}</nz-form-label>
      <nz-form-control [nzErrorTip]="errorTip">
        <input
          nz-input
          id="p-title"
          data-testid="program-title"
          autocomplete="off"
          [attr.maxlength]="titleMax"
          [formControl]="f.controls.title"
          [placeholder]="'programs.form.titlePlaceholder' | t"
        />
      </nz-form-control>
    </nz-form-item>
    <div class="row">
      <nz-form-item>
        <nz-form-label nzFor="p-kind" nzRequired>{{ 'programs.form.kind' | t }}</nz-form-label>
        <nz-form-control [nzErrorTip]="errorTip">
          <nz-select
            nzId="p-kind"
            data-testid="program-kind"
            [formControl]="f.controls.kind"
            [nzPlaceHolder]="'programs.form.kindPlaceholder' | t"
          >
            @for (kind of kinds; track kind) {
              <nz-option [nzValue]="kind" [nzLabel]="kindKey(kind) | t" />
            }
          </nz-select>
        </nz-form-control>
      </nz-form-item>
      <nz-form-item>
        <nz-form-label nzFor="p-year" nzRequired>{{ 'programs.form.year' | t }}</nz-form-label>
        <nz-form-control [nzErrorTip]="errorTip">
          <nz-input-number
            class="num"
            nzId="p-year"
            data-testid="program-year"
            [nzMin]="minYear"
            [nzMax]="maxYear"
            [nzStep]="1"
            [nzPrecision]="0"
            [formControl]="f.controls.year"
          />
        </nz-form-control>
      </nz-form-item>
    </div>
    <nz-form-item>
      <nz-form-label nzFor="p-credits" nzRequired>{{ 'programs.form.requiredCredits' | t }}</nz-form-label>
      <nz-form-control [nzErrorTip]="errorTip" [nzExtra]="'programs.form.requiredCreditsHint' | t">
        <nz-input-number
          class="num"
          nzId="p-credits"
          data-testid="program-required-credits"
          [nzMin]="0.5"
          [nzMax]="maxCredits"
          [nzStep]="0.5"
          [formControl]="f.controls.requiredCredits"
          [nzPlaceHolder]="'programs.form.requiredCreditsPlaceholder' | t"
        >
          <span nzInputSuffix>{{ 'programs.credit.creditsUnit' | t }}</span>
        </nz-input-number>
      </nz-form-control>
    </nz-form-item>
    <div class="row">
      <nz-form-item>
        <nz-form-label nzFor="p-starts" nzRequired>{{ 'programs.form.startsOn' | t }}</nz-form-label>
        <nz-form-control [nzErrorTip]="errorTip">
          <input nz-input type="date" id="p-starts" data-testid="program-starts" [formControl]="f.controls.startsOn" />
        </nz-form-control>
      </nz-form-item>
      <nz-form-item>
        <nz-form-label nzFor="p-ends" nzRequired>{{ 'programs.form.endsOn' | t }}</nz-form-label>
        <nz-form-control [nzErrorTip]="errorTip">
          <input
            nz-input
            type="date"
            id="p-ends"
            data-testid="program-ends"
            [attr.min]="f.controls.startsOn.value || null"
            [formControl]="f.controls.endsOn"
          />
        </nz-form-control>
      </nz-form-item>
    </div>
    <nz-form-item>
      <nz-form-label nzFor="p-description">{{ 'programs.form.description' | t }}</nz-form-label>
      <nz-form-control [nzErrorTip]="errorTip">
        <textarea
          nz-input
          id="p-description"
          data-testid="program-description"
          rows="3"
          [attr.maxlength]="descriptionMax"
          [formControl]="f.controls.description"
          [placeholder]="'programs.form.descriptionPlaceholder' | t"
        ></textarea>
      </nz-form-control>
    </nz-form-item>
    <app-credit-table-editor [form]="f.controls.credit" [version]="version()" />
    <ng-template #errorTip let-control>{{ messageFor(control) }}</ng-template>
  `,
  styles: `
    .row {
      display: grid;
      grid-template-columns: repeat(auto-fit, minmax(140px, 1fr));
      column-gap: 12px;
    }
    .num {
      width: 100%;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ProgramFields {
  private readonly i18n = inject(I18nService);
  readonly form = input.required<ProgramForm>();
  /** Bump to re-render messages after errors were set from outside (server details). */
  readonly version = input(0);

  protected readonly kinds = PROGRAM_KINDS;
  protected readonly kindKey = programKindKey;
  protected readonly titleMax = TITLE_MAX;
  protected readonly descriptionMax = DESCRIPTION_MAX;
  protected readonly minYear = MIN_YEAR;
  protected readonly maxYear = MAX_YEAR;
  protected readonly maxCredits = MAX_REQUIRED_CREDITS;
  private readonly rerender = computed(() => this.version());

  protected messageFor(control: AbstractControl): string {
    this.rerender();
    const c = this.form().controls;
    if (control === c.title) {
      return programMessage(this.i18n, control, {
        required: 'programs.form.titleRequired',
        maxlength: 'programs.form.titleLength',
      });
    }
    if (control === c.kind) return programMessage(this.i18n, control, { required: 'programs.form.kindRequired' });
    if (control === c.year) {
      return programMessage(this.i18n, control, {
        required: 'programs.form.yearRequired',
        range: 'programs.form.yearRange',
      });
    }
    if (control === c.requiredCredits) {
      return programMessage(this.i18n, control, {
        required: 'programs.form.requiredCreditsRequired',
        range: 'programs.form.requiredCreditsRange',
        step: 'programs.form.requiredCreditsStep',
      });
    }
    if (control === c.startsOn) return programMessage(this.i18n, control, { required: 'programs.form.startsRequired' });
    if (control === c.endsOn) return programMessage(this.i18n, control, { required: 'programs.form.endsRequired' });
    return programMessage(this.i18n, control, { maxlength: 'programs.form.descriptionLength' });
  }
}
