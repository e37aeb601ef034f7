import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { TranslocoPipe } from '@jsverse/transloco';
import { StateMessage } from '../state-message/state-message';

/** Nothing to show, and the words that say why (e.g. "no move waits for your decision"). */
@Component({
  selector: 'bo-empty-state',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [TranslocoPipe, StateMessage],
  template: `
    <bo-state-message tone="empty">
      <p class="empty-state__text">{{ messageKey() | transloco }}</p>
      <ng-content />
    </bo-state-message>
  `,
  styles: `
    :host {
      display: block;
    }
    .empty-state__text {
      margin: 0;
    }
  `,
})
export class EmptyState {
  readonly messageKey = input.required<string>();
}
