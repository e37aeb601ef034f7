import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, inject, input, output, signal } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { MatButton } from '@angular/material/button';
import { TranslocoPipe, TranslocoService } from '@jsverse/transloco';
import { FounderApi, problemMessage, type ProblemMessage } from '@parcours/backoffice-data-access';
import type { ConsentDecision, ConsentRequestView } from '@parcours/contracts';

/**
 * Moves of the startup waiting for the founders' consent: a structure that has not followed the
 * startup yet sees the dossier only once a founder agrees.
 */
export interface ConsentAnswer {
  transitionId: string;
  decision: ConsentDecision;
}

@Component({
  selector: 'bo-consent-requests',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [DatePipe, MatButton, TranslocoPipe],
  template: `
    @if (problem(); as failure) {
      <p class="consents__problem" role="alert">{{ failure.key | transloco }}</p>
    }
    @for (request of requests(); track request.transitionId) {
      <div class="consents__item">
        <p class="consents__text">
          {{
            'founder.consents.request'
              | transloco
                : {
                    structure: request.structureName ?? request.programmeName ?? '',
                    stage: ('stages.' + request.toStage | transloco),
                    date: (request.requestedAt | date: 'longDate' : undefined : language()),
                  }
          }}
        </p>
        @if (request.reason) {
          <p class="consents__text">{{ request.reason }}</p>
        }
        <div class="consents__buttons">
          <button
            mat-flat-button
            type="button"
            [disabled]="busy()"
            (click)="answer(request, 'GRANT')"
          >
            {{ 'founder.consents.grant' | transloco }}
          </button>
          <button
            mat-stroked-button
            type="button"
            [disabled]="busy()"
            (click)="answer(request, 'DECLINE')"
          >
            {{ 'founder.consents.decline' | transloco }}
          </button>
        </div>
      </div>
    }
  `,
  styles: `
    .consents__item {
      padding: 0.5rem 0.75rem;
      border-inline-start: 4px solid var(--mat-sys-primary, #005cbb);
      margin-bottom: 0.5rem;
    }
    .consents__text {
      margin: 0 0 0.25rem;
    }
    .consents__buttons {
      display: flex;
      gap: 0.5rem;
    }
    .consents__problem {
      color: var(--mat-sys-error, #b3261e);
    }
  `,
})
export class ConsentRequests {
  readonly requests = input.required<readonly ConsentRequestView[]>();
  /**
   * A request was answered: the page drops it from what is expected and says so where the focus
   * can go, since the buttons that had it disappear with the request.
   */
  readonly answered = output<ConsentAnswer>();

  private readonly api = inject(FounderApi);
  private readonly transloco = inject(TranslocoService);
  protected readonly language = toSignal(this.transloco.langChanges$, {
    initialValue: this.transloco.getActiveLang(),
  });

  protected readonly busy = signal(false);
  protected readonly problem = signal<ProblemMessage | null>(null);

  protected answer(request: ConsentRequestView, decision: ConsentDecision): void {
    this.busy.set(true);
    this.problem.set(null);
    this.api.answerConsent(request.transitionId, decision, null).subscribe({
      next: () => {
        this.busy.set(false);
        this.answered.emit({ transitionId: request.transitionId, decision });
      },
      error: (error: unknown) => {
        this.busy.set(false);
        this.problem.set(problemMessage(error));
      },
    });
  }
}
