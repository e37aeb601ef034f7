import { ChangeDetectionStrategy, Component, input, output } from '@angular/core';
import { MatButtonToggle, MatButtonToggleGroup } from '@angular/material/button-toggle';
import { TranslocoPipe } from '@jsverse/transloco';

/**
 * FR / EN toggle. Each option carries its own `lang`, so a screen reader says "Français" with a
 * French voice and "English" with an English one, whatever the page language; the accessible
 * name keeps the visible "FR"/"EN" so that voice control users can say what they see.
 */
@Component({
  selector: 'bo-language-switch',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [MatButtonToggleGroup, MatButtonToggle, TranslocoPipe],
  template: `
    <mat-button-toggle-group
      hideSingleSelectionIndicator
      [attr.aria-label]="'shell.language' | transloco"
      [value]="language()"
      (change)="languageChange.emit($event.value)"
    >
      @for (option of languages(); track option) {
        <mat-button-toggle
          [value]="option"
          [attr.lang]="option"
          [aria-label]="('languages.' + option | transloco) + ' (' + option.toUpperCase() + ')'"
        >
          {{ option.toUpperCase() }}
        </mat-button-toggle>
      }
    </mat-button-toggle-group>
  `,
  styles: `
    :host {
      display: inline-block;
    }
  `,
})
export class LanguageSwitch {
  readonly languages = input.required<readonly string[]>();
  readonly language = input.required<string>();
  readonly languageChange = output<string>();
}
