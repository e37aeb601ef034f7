import { ChangeDetectionStrategy, Component, input } from '@angular/core';

export type StateTone = 'empty' | 'error' | 'loading';

/**
 * The box shown in place of content: nothing to show, a failure, or a wait. The caller projects
 * the translated words and any action (such as a retry button); live-region semantics stay with
 * the caller, which knows whether the change deserves an announcement.
 */
@Component({
  selector: 'bo-state-message',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: '<ng-content />',
  styleUrl: './state-message.scss',
  host: { '[class]': '"state-message state-message--" + tone()' },
})
export class StateMessage {
  readonly tone = input<StateTone>('empty');
}
