import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import { rxResource, toSignal } from '@angular/core/rxjs-interop';
import { TranslocoPipe, TranslocoService } from '@jsverse/transloco';
import { DossierApi, problemMessage } from '@parcours/backoffice-data-access';

/** A move's status and the state of each step of its workflow (`GET /transitions/:id`). */
@Component({
  selector: 'bo-transition-steps',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [DatePipe, TranslocoPipe],
  template: `
    @if (transition.isLoading()) {
      <p class="steps__loading">{{ 'dossier.transition.loading' | transloco }}</p>
    } @else if (problem(); as failure) {
      <p role="alert">{{ failure.key | transloco }}</p>
    } @else if (transition.hasValue()) {
      @let move = transition.value();
      <p class="steps__status">
        {{ 'dossier.transition.status' | transloco }}
        <strong>{{ 'dossier.transition.statuses.' + move.status | transloco }}</strong>
        @if (move.requiresFourEyes) {
          — {{ 'dossier.transition.fourEyes' | transloco }}
        }
      </p>
      @if (move.steps?.length) {
        <ul class="steps">
          @for (step of move.steps; track step.name) {
            <li class="steps__step" [class]="'steps__step--' + step.status">
              <span>{{ 'dossier.transition.steps.' + step.name | transloco }}</span>
              <span> : {{ 'dossier.transition.stepStatuses.' + step.status | transloco }}</span>
              @if (step.completedAt) {
                <time [attr.datetime]="step.completedAt">
                  ({{ step.completedAt | date: 'short' : undefined : language() }})</time
                >
              }
            </li>
          }
        </ul>
      } @else {
        <p>{{ 'dossier.transition.noSteps' | transloco }}</p>
      }
    }
  `,
  styles: `
    :host {
      display: block;
      margin: 0.25rem 0 0.5rem;
      padding: 0.5rem 0.75rem;
      border-radius: 8px;
      background: var(--mat-sys-surface-container, #f0f4f9);
    }
    .steps {
      margin: 0.25rem 0 0;
      padding-inline-start: 1.25rem;
    }
    p {
      margin: 0;
    }
  `,
})
export class TransitionSteps {
  readonly transitionId = input.required<string>();

  private readonly api = inject(DossierApi);
  private readonly transloco = inject(TranslocoService);
  protected readonly language = toSignal(this.transloco.langChanges$, {
    initialValue: this.transloco.getActiveLang(),
  });

  protected readonly transition = rxResource({
    params: () => this.transitionId(),
    stream: ({ params }) => this.api.transition(params),
  });
  protected readonly problem = computed(() => {
    const error = this.transition.error();
    return error ? problemMessage(error) : null;
  });
}
