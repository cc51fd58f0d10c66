import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import { AbstractControl, NonNullableFormBuilder, ReactiveFormsModule } from '@angular/forms';
import { DEFAULT_CREDIT_TABLE } from '@lingyan/domain';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzFormModule } from 'ng-zorro-antd/form';
import { NzIconModule } from 'ng-zorro-antd/icon';
import { NzInputNumberModule } from 'ng-zorro-antd/input-number';
import { NzSwitchModule } from 'ng-zorro-antd/switch';
import { I18nService } from '../../core/i18n/i18n.service';
import { TPipe } from '../../core/i18n/t.pipe';
import {
  CreditTableForm,
  MAX_PASS_BONUS,
  MAX_TIERS,
  MAX_TIER_CREDITS,
  MAX_TIER_MINUTES,
  TierForm,
  TierRange,
  addTier,
  removeTier,
  tierRanges,
} from './credit-table';
import { programMessage, rangeLabel } from './program-messages';

/**
 * The program's credit table: the default table (a switch), or its own tiers (start minutes → credit
 * hours, add/remove) and the bonus for passing a test, with the rule read back in words.
 */
@Component({
  selector: 'app-credit-table-editor',
  imports: [
    ReactiveFormsModule,
    NzButtonModule,
    NzFormModule,
    NzIconModule,
    NzInputNumberModule,
    NzSwitchModule,
    TPipe,
  ],
  template: `
    @let f = form();
    @let tiers = f.controls.tiers;
    <section class="credit" data-testid="credit-table" [attr.aria-labelledby]="'credit-title'">
      <h3 id="credit-title" class="credit-title">{{ 'programs.credit.title' | t }}</h3>
      <p class="hint">{{ 'programs.credit.explain' | t }}</p>
      <div class="switch-line">
        <nz-switch nzId="credit-default" data-testid="credit-default" [formControl]="f.controls.useDefault" />
        <label for="credit-default">{{ 'programs.credit.useDefault' | t }}</label>
      </div>

      @if (f.controls.useDefault.value) {
        <ul class="ranges" data-testid="credit-default-rules">
          @for (range of defaultRanges; track range.fromMinutes) {
            <li>
              <span>{{ label(range) }}</span
              ><strong>{{ 'programs.credit.creditsValue' | t: { credits: range.credits } }}</strong>
            </li>
          }
          <li>
            <span>{{ 'programs.credit.passBonus' | t }}</span
            ><strong>+{{ 'programs.credit.creditsValue' | t: { credits: defaultBonus } }}</strong>
          </li>
        </ul>
      } @else if (f.disabled) {
        <ul class="ranges" data-testid="credit-custom-rules">
          @for (range of preview(); track range.fromMinutes) {
            <li>
              <span>{{ label(range) }}</span
              ><strong>{{ 'programs.credit.creditsValue' | t: { credits: range.credits } }}</strong>
            </li>
          }
          <li>
            <span>{{ 'programs.credit.passBonus' | t }}</span
            ><strong>+{{ 'programs.credit.creditsValue' | t: { credits: f.controls.passBonus.value ?? 0 } }}</strong>
          </li>
        </ul>
      } @else {
        <div class="tiers" role="table" data-testid="credit-tiers" [attr.aria-label]="'programs.credit.title' | t">
          <div class="tier tier-head" role="row">
            <span role="columnheader">{{ 'programs.credit.minMinutes' | t }}</span>
            <span role="columnheader">{{ 'programs.credit.credits' | t }}</span>
            <span role="columnheader" class="sr-only">{{ 'programs.credit.remove' | t }}</span>
          </div>
          @for (tier of tiers.controls; track tier; let i = $index) {
            <div class="tier" role="row" data-testid="credit-tier" [class.duplicate]="isDuplicate(tier)">
              <nz-form-control role="cell" [nzErrorTip]="tierTip" [nzValidateStatus]="status(tier.controls.minMinutes)">
                <label class="sr-only" [for]="'tier-min-' + i">{{
                  'programs.credit.minMinutesOf' | t: { index: i + 1 }
                }}</label>
                <nz-input-number
                  class="num num-minutes"
                  data-testid="tier-minutes"
                  [nzId]="'tier-min-' + i"
                  [nzMin]="0"
                  [nzMax]="maxMinutes"
                  [nzStep]="5"
                  [formControl]="tier.controls.minMinutes"
                >
                  <span nzInputSuffix>{{ 'programs.credit.minutesUnit' | t }}</span>
                </nz-input-number>
                <ng-template #tierTip>{{ tierMessage(tier, 'minMinutes') }}</ng-template>
              </nz-form-control>
              <nz-form-control role="cell" [nzErrorTip]="creditTip">
                <label class="sr-only" [for]="'tier-credits-' + i">{{
                  'programs.credit.creditsOf' | t: { index: i + 1 }
                }}</label>
                <nz-input-number
                  class="num"
                  data-testid="tier-credits"
                  [nzId]="'tier-credits-' + i"
                  [nzMin]="0"
                  [nzMax]="maxCredits"
                  [nzStep]="0.25"
                  [formControl]="tier.controls.credits"
                >
                  <span nzInputSuffix>{{ 'programs.credit.creditsUnit' | t }}</span>
                </nz-input-number>
                <ng-template #creditTip>{{ tierMessage(tier, 'credits') }}</ng-template>
              </nz-form-control>
              <span role="cell" class="remove-cell">
                <button
                  nz-button
                  nzType="text"
                  nzDanger
                  type="button"
                  data-testid="tier-remove"
                  [disabled]="tiers.disabled || tiers.length <= 1"
                  [attr.aria-label]="'programs.credit.removeOf' | t: { index: i + 1 }"
                  (click)="remove(i)"
                >
                  <nz-icon nzType="delete" />
                </button>
              </span>
            </div>
          }
        </div>
        @if (tableProblems(); as problems) {
          @if (problems.length > 0) {
            <ul class="table-errors" role="alert" data-testid="credit-errors">
              @for (problem of problems; track problem) {
                <li>{{ problem }}</li>
              }
            </ul>
          }
        }
        <button
          nz-button
          nzType="dashed"
          nzBlock
          type="button"
          class="add"
          data-testid="tier-add"
          [disabled]="tiers.disabled || tiers.length >= maxTiers"
          (click)="add()"
        >
          <nz-icon nzType="plus" />{{ 'programs.credit.add' | t }}
        </button>

        <nz-form-item class="bonus">
          <nz-form-label nzFor="p-bonus">{{ 'programs.credit.passBonus' | t }}</nz-form-label>
          <nz-form-control [nzErrorTip]="bonusTip" [nzExtra]="'programs.credit.passBonusHint' | t">
            <nz-input-number
              class="num"
              nzId="p-bonus"
              data-testid="credit-bonus"
              [nzMin]="0"
              [nzMax]="maxBonus"
              [nzStep]="0.25"
              [formControl]="f.controls.passBonus"
            >
              <span nzInputSuffix>{{ 'programs.credit.creditsUnit' | t }}</span>
            </nz-input-number>
            <ng-template #bonusTip>{{ bonusMessage() }}</ng-template>
          </nz-form-control>
        </nz-form-item>

        @if (preview().length > 0) {
          <div class="preview" data-testid="credit-preview">
            <span class="preview-title">{{ 'programs.credit.preview' | t }}</span>
            <ul class="ranges">
              @for (range of preview(); track range.fromMinutes) {
                <li>
                  <span>{{ label(range) }}</span
                  ><strong>{{ 'programs.credit.creditsValue' | t: { credits: range.credits } }}</strong>
                </li>
              }
            </ul>
          </div>
        }
      }
    </section>
  `,
  styles: `
    .credit {
      margin: 8px 0 16px;
      padding-top: 12px;
      border-top: 1px solid #f0f0f0;
    }
    .credit-title {
      margin: 0 0 4px;
      font-size: 15px;
      font-weight: 600;
    }
    .hint {
      margin: 0 0 10px;
      font-size: 13px;
      color: rgba(0, 0, 0, 0.55);
    }
    .switch-line {
      display: inline-flex;
      align-items: center;
      gap: 8px;
      margin-bottom: 10px;
      cursor: pointer;
    }
    .ranges {
      margin: 0;
      padding: 8px 12px;
      list-style: none;
      background: #fafafa;
      border-radius: 6px;
      font-size: 13px;

      li {
        display: flex;
        justify-content: space-between;
        gap: 12px;
        padding: 3px 0;
      }
      strong {
        font-weight: 500;
        color: var(--ant-primary-color);
        white-space: nowrap;
      }
    }
    .tier {
      display: grid;
      grid-template-columns: minmax(0, 1fr) minmax(0, 1fr) 36px;
      gap: 8px;
      align-items: start;
      margin-bottom: 8px;
    }
    .tier-head {
      margin-bottom: 4px;
      font-size: 13px;
      color: rgba(0, 0, 0, 0.55);
    }
    .num {
      width: 100%;
    }
    .remove-cell {
      display: flex;
      justify-content: center;
    }
    .duplicate .num-minutes {
      border-color: #ff4d4f;
    }
    .table-errors {
      margin: 0 0 8px;
      padding-left: 18px;
      font-size: 13px;
      color: #ff4d4f;
    }
    .add {
      margin-bottom: 16px;
    }
    .bonus {
      margin-bottom: 12px;
    }
    .preview-title {
      display: block;
      margin-bottom: 4px;
      font-size: 13px;
      color: rgba(0, 0, 0, 0.55);
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class CreditTableEditor {
  private readonly i18n = inject(I18nService);
  private readonly fb = inject(NonNullableFormBuilder);

  readonly form = input.required<CreditTableForm>();
  /** Bump to re-render messages after errors were set from outside (server details). */
  readonly version = input(0);

  protected readonly maxMinutes = MAX_TIER_MINUTES;
  protected readonly maxCredits = MAX_TIER_CREDITS;
  protected readonly maxBonus = MAX_PASS_BONUS;
  protected readonly maxTiers = MAX_TIERS;
  protected readonly defaultRanges = tierRanges(DEFAULT_CREDIT_TABLE.tiers);
  protected readonly defaultBonus = DEFAULT_CREDIT_TABLE.passBonus;
  private readonly rerender = computed(() => this.version());

  protected label(range: TierRange): string {
    return rangeLabel(this.i18n, range);
  }

  /** The rule as the table reads now (rows with a number in both cells). */
  protected preview(): TierRange[] {
    return tierRanges(this.form().controls.tiers.getRawValue());
  }

  protected isDuplicate(tier: TierForm): boolean {
    const duplicates = this.form().controls.tiers.errors?.['duplicateStarts'] as number[] | undefined;
    const start = tier.controls.minMinutes.value;
    return !!duplicates && start !== null && duplicates.includes(start);
  }

  protected status(control: AbstractControl): 'error' | '' {
    return control.invalid && (control.dirty || control.touched) ? 'error' : '';
  }

  protected tierMessage(tier: TierForm, field: 'minMinutes' | 'credits'): string {
    this.rerender();
    const control = tier.controls[field];
    return field === 'minMinutes'
      ? programMessage(this.i18n, control, {
          required: 'programs.credit.minMinutesRequired',
          range: 'programs.credit.minMinutesRange',
        })
      : programMessage(this.i18n, control, {
          required: 'programs.credit.creditsRequired',
          range: 'programs.credit.creditsRange',
          step: 'programs.credit.creditsStep',
        });
  }

  protected bonusMessage(): string {
    this.rerender();
    return programMessage(this.i18n, this.form().controls.passBonus, {
      range: 'programs.credit.bonusRange',
      step: 'programs.credit.creditsStep',
    });
  }

  /** Problems of the table as a whole (and the server's, when it named the table or a tier). */
  protected tableProblems(): string[] {
    this.rerender();
    const tiers = this.form().controls.tiers;
    const errors = tiers.errors ?? {};
    const problems: string[] = [];
    if (errors['tiersEmpty']) problems.push(this.i18n.t('programs.credit.tiersEmpty'));
    if (errors['noZeroTier']) problems.push(this.i18n.t('programs.credit.noZero'));
    const duplicates = errors['duplicateStarts'] as number[] | undefined;
    if (duplicates?.length) {
      problems.push(
        this.i18n.t('programs.credit.duplicates', { minutes: duplicates.join(this.i18n.t('programs.separator')) }),
      );
    }
    if (errors['server']) problems.push(this.i18n.t('validation.server', { problems: String(errors['server']) }));
    for (const tier of tiers.controls) {
      if (tier.errors?.['server']) {
        problems.push(this.i18n.t('validation.server', { problems: String(tier.errors['server']) }));
      }
    }
    return problems;
  }

  protected add(): void {
    addTier(this.fb, this.form());
  }

  protected remove(index: number): void {
    removeTier(this.form(), index);
  }
}
