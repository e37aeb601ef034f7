import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { TranslocoPipe } from '@jsverse/transloco';
import { StateMessage } from '../state-message/state-message';

/**
 * A wait, said in words (a spinner alone tells a screen reader nothing), in a polite status
 * region so that it is announced without interrupting.
 */
@Component({
  selector: 'bo-loading-state',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [TranslocoPipe, StateMessage],
  template: `
    <bo-state-message tone="loading">
      <p class="loading-state__text" role="status">{{ messageKey() | transloco }}</p>
    </bo-state-message>
  `,
  styles: `
    :host {
      display: block;
    }
    .loading-state__text {
      margin: 0;
    }
  `,
})
export class LoadingState {
  readonly messageKey = input('common.loading');
}
