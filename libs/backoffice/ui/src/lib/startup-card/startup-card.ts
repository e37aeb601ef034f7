import { DatePipe, DecimalPipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import { RouterLink } from '@angular/router';
import { TranslocoPipe, TranslocoService } from '@jsverse/transloco';
import type { StartupView } from '@parcours/contracts';

/** One startup on the board: what a manager scans for — who, where, which domain, since when. */
@Component({
  selector: 'bo-startup-card',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [DatePipe, DecimalPipe, RouterLink, TranslocoPipe],
  templateUrl: './startup-card.html',
  styleUrl: './startup-card.scss',
})
export class StartupCard {
  readonly startup = input.required<StartupView>();
  /** Computed by the container, which owns the clock. */
  readonly daysInStage = input.required<number>();
  /** Where the startup's name leads (its dossier); a plain heading when null. */
  readonly dossierLink = input<readonly string[] | null>(null);

  private readonly transloco = inject(TranslocoService);

  /** Language codes are also the registered Angular locale ids. */
  protected readonly locale = computed(() => this.transloco.activeLang());
  protected readonly headingId = computed(() => `startup-card-${this.startup().id}`);
  protected readonly daysInStageKey = computed(() =>
    new Intl.PluralRules(this.locale()).select(this.daysInStage()) === 'one'
      ? 'card.daysInStage.one'
      : 'card.daysInStage.other',
  );
}
