import { DecimalPipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import { TranslocoPipe, TranslocoService } from '@jsverse/transloco';
import { OUTCOME_STAGES, type Stage } from '@parcours/contracts';

/** How many startups left the pipeline, graduated or not — the board's columns stop before. */
@Component({
  selector: 'bo-outcomes-summary',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [DecimalPipe, TranslocoPipe],
  template: `
    <section class="outcomes" aria-labelledby="board-outcomes-heading">
      <h2 id="board-outcomes-heading" class="outcomes__heading">
        {{ 'board.outcomes.heading' | transloco }}
      </h2>
      <dl class="outcomes__list">
        @for (outcome of outcomes(); track outcome.stage) {
          <div class="outcomes__item">
            <dt>{{ 'board.outcomes.' + outcome.stage | transloco }}</dt>
            <dd>
              @if (outcome.count === null) {
                <span aria-hidden="true">–</span>
                <span class="cdk-visually-hidden">{{ 'board.countUnknown' | transloco }}</span>
              } @else {
                {{ outcome.count | number: '1.0-0' : locale() }}
              }
            </dd>
          </div>
        }
      </dl>
    </section>
  `,
  styleUrl: './outcomes-summary.scss',
})
export class OutcomesSummary {
  /** The stage counts; null while loading or after a failure. */
  readonly counts = input<Readonly<Record<Stage, number>> | null>(null);

  private readonly transloco = inject(TranslocoService);
  protected readonly locale = computed(() => this.transloco.activeLang());
  protected readonly outcomes = computed(() => {
    const counts = this.counts();
    return OUTCOME_STAGES.map((stage) => ({ stage, count: counts ? (counts[stage] ?? 0) : null }));
  });
}
