import { ChangeDetectionStrategy, Component, input, output } from '@angular/core';
import { MatButton } from '@angular/material/button';
import { TranslocoPipe } from '@jsverse/transloco';

/** The recovery codes, shown once after an enrolment, to be written down or printed. */
@Component({
  selector: 'bo-recovery-codes',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [MatButton, TranslocoPipe],
  template: `
    <h2 class="mfa__subheading" id="recovery-codes-heading">
      {{ 'mfa.recoveryCodes.heading' | transloco }}
    </h2>
    <p>{{ 'mfa.recoveryCodes.explain' | transloco }}</p>
    <ul class="mfa__codes" aria-labelledby="recovery-codes-heading">
      @for (code of codes(); track code) {
        <li>
          <code>{{ code }}</code>
        </li>
      }
    </ul>
    <button mat-flat-button type="button" (click)="done.emit()">
      {{ 'mfa.recoveryCodes.saved' | transloco }}
    </button>
  `,
  styleUrl: './mfa.scss',
})
export class RecoveryCodes {
  readonly codes = input.required<readonly string[]>();
  readonly done = output<void>();
}
