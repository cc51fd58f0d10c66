import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { RouterLink } from '@angular/router';
import type { CreditLedgerDto, CreditLedgerEntryDto } from '@lingyan/contracts';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzEmptyModule } from 'ng-zorro-antd/empty';
import { NzIconModule } from 'ng-zorro-antd/icon';
import { NzResultModule } from 'ng-zorro-antd/result';
import { NzSkeletonModule } from 'ng-zorro-antd/skeleton';
import { Subject, defer, from, startWith, switchMap } from 'rxjs';
import { I18nService } from '../core/i18n/i18n.service';
import { TPipe } from '../core/i18n/t.pipe';
import { errorKey } from '../core/i18n/translation-key';
import { LearnApi } from './learn-api.service';
import { RuleText, formatCredits, formatDateTime, ruleText } from './learn-format';
import { loading, toLoadState } from './load-state';
import { ProgressReporter } from './progress-reporter.service';

/** "My credit hours": the auditable ledger, newest first, each entry with the rule that granted it. */
@Component({
  selector: 'app-credits-page',
  imports: [RouterLink, NzButtonModule, NzEmptyModule, NzIconModule, NzResultModule, NzSkeletonModule, TPipe],
  templateUrl: './credits.page.html',
  styleUrl: './credits.page.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class CreditsPage {
  private readonly api = inject(LearnApi);
  private readonly reporter = inject(ProgressReporter);
  private readonly i18n = inject(I18nService);

  protected readonly errorKey = errorKey;
  protected readonly formatCredits = formatCredits;

  private readonly reload$ = new Subject<void>();
  protected readonly state = toSignal(
    this.reload$.pipe(
      startWith(undefined),
      switchMap(() => toLoadState(defer(() => from(this.reporter.flush())).pipe(switchMap(() => this.api.credits())))),
    ),
    { initialValue: loading<CreditLedgerDto>() },
  );
  protected readonly ledger = computed(() => {
    const state = this.state();
    return state.status === 'ok' ? state.value : null;
  });
  protected readonly error = computed(() => {
    const state = this.state();
    return state.status === 'error' ? state.error : null;
  });

  protected date(entry: CreditLedgerEntryDto): string {
    return formatDateTime(entry.createdAt, this.i18n.lang());
  }

  protected rule(entry: CreditLedgerEntryDto): RuleText {
    return ruleText(entry.rule);
  }

  protected retry(): void {
    this.reload$.next();
  }
}
