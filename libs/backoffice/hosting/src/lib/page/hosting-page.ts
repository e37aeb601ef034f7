import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { FormsModule } from '@angular/forms';
import { MatFormField, MatHint, MatLabel } from '@angular/material/form-field';
import { MatInput } from '@angular/material/input';
import { TranslocoPipe } from '@jsverse/transloco';
import { HostingApi, problemMessage } from '@parcours/backoffice-data-access';
import { EmptyState, LoadingState, ProblemState } from '@parcours/backoffice-ui';
import { isoDay } from './hosting-figures';
import { PlaceHosting } from './place-hosting';

/**
 * Nursery hosting for the people who run it: each place they manage, its units and how many
 * seats are taken on a day (today unless they choose another), and the form to add a unit.
 */
@Component({
  selector: 'bo-hosting-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    FormsModule,
    MatFormField,
    MatHint,
    MatInput,
    MatLabel,
    TranslocoPipe,
    EmptyState,
    LoadingState,
    ProblemState,
    PlaceHosting,
  ],
  templateUrl: './hosting-page.html',
  styleUrl: './hosting-page.scss',
})
export class HostingPage {
  private readonly api = inject(HostingApi);

  protected readonly today = isoDay(new Date());
  /** The day whose occupancy is shown; an emptied or half-typed date falls back to today. */
  protected readonly day = signal(this.today);

  protected readonly places = rxResource({ stream: () => this.api.places() });
  protected readonly managed = computed(() =>
    this.places.hasValue() ? this.places.value().items.filter((place) => place.manageable) : [],
  );
  protected readonly problem = computed(() => {
    const error = this.places.error();
    return error ? problemMessage(error) : null;
  });

  protected setDay(value: string): void {
    this.day.set(/^\d{4}-\d{2}-\d{2}$/.test(value ?? '') ? value : this.today);
  }

  protected reload(): void {
    this.places.reload();
  }
}
