import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { TranslocoPipe } from '@jsverse/transloco';
import type { ProblemMessage } from '@parcours/backoffice-data-access';

/**
 * The outcome of an administration form or action: the failure in words in a live region that
 * is always there (so that screen readers announce what appears in it), and, when the page
 * binds `notice`, the translation key of what succeeded in a status region. `explain` says what
 * follows the sentence: the fields the API named (forms) or its explanation (actions).
 */
@Component({
  selector: 'bo-admin-feedback',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [TranslocoPipe],
  template: `
    <div role="alert" aria-atomic="true">
      @if (problem(); as failure) {
        <p class="admin-alert">
          {{ failure.key | transloco }}
          @if (explain() === 'detail') {
            @if (failure.detail) {
              <br />{{ failure.detail }}
            }
          } @else {
            @for (error of failure.fieldErrors; track error.path) {
              <br />{{ error.path }} : {{ error.message }}
            }
          }
        </p>
      }
    </div>
    @if (notice() !== undefined) {
      <div role="status" aria-atomic="true">
        @if (notice(); as key) {
          <p class="admin-notice">{{ key | transloco }}</p>
        }
      </div>
    }
  `,
  styles: `
    :host {
      display: block;
    }
    .admin-alert,
    .admin-notice {
      margin: 0 0 12px;
      padding: 10px 12px;
      border-radius: var(--mat-sys-corner-small, 8px);
    }
    .admin-alert {
      background: var(--mat-sys-error-container);
      color: var(--mat-sys-on-error-container);
    }
    .admin-notice {
      background: var(--mat-sys-secondary-container);
      color: var(--mat-sys-on-secondary-container);
      word-break: break-all;
    }
  `,
})
export class AdminFeedback {
  readonly problem = input<ProblemMessage | null>(null);
  /** Left unbound: no status region (the page tells its successes otherwise, or has none). */
  readonly notice = input<string | null | undefined>(undefined);
  readonly explain = input<'fields' | 'detail'>('fields');
}
