import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { TranslocoPipe } from '@jsverse/transloco';

/** Stands in for the spaces not built yet ("coming soon") and for accounts without a space. */
@Component({
  selector: 'app-placeholder-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [TranslocoPipe],
  template: `
    <div class="placeholder">
      <h1 class="placeholder__heading">{{ headingKey() | transloco }}</h1>
      <p class="placeholder__message">{{ messageKey() | transloco }}</p>
    </div>
  `,
  styles: `
    .placeholder {
      max-width: 60ch;
      padding: 24px;
    }
    .placeholder__heading {
      margin: 0 0 12px;
      font: var(--mat-sys-headline-small);
    }
    .placeholder__message {
      margin: 0;
      color: var(--mat-sys-on-surface-variant);
    }
  `,
})
export class PlaceholderPage {
  // Route data, bound by the router.
  readonly headingKey = input.required<string>();
  readonly messageKey = input.required<string>();
}
