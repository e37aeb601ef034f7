import { ChangeDetectionStrategy, Component, input, output } from '@angular/core';
import { MatButton } from '@angular/material/button';
import { TranslocoPipe } from '@jsverse/transloco';
import { StateMessage } from '../state-message/state-message';

/**
 * What went wrong, in words: the shape `problemMessage()` of the data-access library gives
 * (declared here because presentational components do not depend on data access).
 */
export interface DisplayedProblem {
  /** Transloco key of the sentence to show. */
  key: string;
  /** The API's own explanation, when it names what to fix. */
  detail: string | null;
  fieldErrors: readonly { path: string; message: string }[];
}

/**
 * A failed load or action, told in a sentence a person understands (never a status code), with
 * the API's explanation when it helps and a "try again" button when trying again can help.
 * Announced as an alert: it replaces content the person was waiting for.
 */
@Component({
  selector: 'bo-problem-state',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [MatButton, TranslocoPipe, StateMessage],
  template: `
    <bo-state-message tone="error">
      <div class="problem-state__text" role="alert">
        <p class="problem-state__sentence">{{ problem().key | transloco }}</p>
        @if (problem().detail; as detail) {
          <p class="problem-state__detail">{{ detail }}</p>
        }
        @if (problem().fieldErrors.length > 0) {
          <ul class="problem-state__fields">
            @for (fieldError of problem().fieldErrors; track $index) {
              <li>{{ fieldError.message }}</li>
            }
          </ul>
        }
      </div>
      @if (retryable()) {
        <button mat-stroked-button type="button" (click)="retry.emit()">
          {{ 'common.retry' | transloco }}
        </button>
      }
    </bo-state-message>
  `,
  styles: `
    :host {
      display: block;
    }
    .problem-state__sentence,
    .problem-state__detail {
      margin: 0;
    }
    .problem-state__detail {
      margin-top: 4px;
      font: var(--mat-sys-body-small);
    }
    .problem-state__fields {
      margin: 4px 0 0;
      padding-left: 20px;
      font: var(--mat-sys-body-small);
    }
  `,
})
export class ProblemState {
  readonly problem = input.required<DisplayedProblem>();
  /** Whether to offer "Réessayer"; the caller reloads on `retry`. */
  readonly retryable = input(false);
  readonly retry = output<void>();
}
