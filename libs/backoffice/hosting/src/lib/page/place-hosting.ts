import { DatePipe, DecimalPipe, PercentPipe } from '@angular/common';
import {
  ChangeDetectionStrategy,
  Component,
  ElementRef,
  computed,
  inject,
  input,
  signal,
} from '@angular/core';
import { rxResource, toSignal } from '@angular/core/rxjs-interop';
import { FormsModule } from '@angular/forms';
import { MatButton } from '@angular/material/button';
import { MatFormField, MatLabel } from '@angular/material/form-field';
import { MatInput } from '@angular/material/input';
import { TranslocoPipe, TranslocoService } from '@jsverse/transloco';
import { HostingApi, problemMessage, type ProblemMessage } from '@parcours/backoffice-data-access';
import { EmptyState, LoadingState, ProblemState, fieldErrorStates } from '@parcours/backoffice-ui';
import { HOSTING_UNIT_KINDS, type PlaceView } from '@parcours/contracts';
import {
  barWidth,
  blankUnitDraft,
  occupancyPercent,
  unitRequest,
  type UnitDraft,
} from './hosting-figures';

/** One place: its occupancy on the chosen day, its units with their seats, and a unit to add. */
@Component({
  selector: 'bo-place-hosting',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    DatePipe,
    DecimalPipe,
    PercentPipe,
    FormsModule,
    MatButton,
    MatFormField,
    MatInput,
    MatLabel,
    TranslocoPipe,
    EmptyState,
    LoadingState,
    ProblemState,
  ],
  templateUrl: './place-hosting.html',
  styleUrl: './place-hosting.scss',
})
export class PlaceHosting {
  readonly place = input.required<PlaceView>();
  /** ISO day of the occupancy shown. */
  readonly on = input.required<string>();

  private readonly api = inject(HostingApi);
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);
  private readonly transloco = inject(TranslocoService);
  protected readonly language = toSignal(this.transloco.langChanges$, {
    initialValue: this.transloco.getActiveLang(),
  });

  protected readonly kinds = HOSTING_UNIT_KINDS;
  protected readonly occupancy = rxResource({
    params: () => ({ placeId: this.place().id, on: this.on() }),
    stream: ({ params }) => this.api.occupancy(params.placeId, params.on),
  });
  protected readonly problem = computed(() => {
    const error = this.occupancy.error();
    return error ? problemMessage(error) : null;
  });
  protected readonly figures = computed(() => {
    if (!this.occupancy.hasValue()) return null;
    const view = this.occupancy.value();
    return {
      ...view,
      percent: occupancyPercent(view.occupiedSeats, view.capacity),
      width: barWidth(view.occupiedSeats, view.capacity),
    };
  });

  protected readonly draft = signal<UnitDraft>(blankUnitDraft());
  protected readonly invalid = signal<ReadonlySet<string>>(new Set());
  protected readonly formProblem = signal<ProblemMessage | null>(null);
  protected readonly sending = signal(false);
  protected readonly added = signal<string | null>(null);

  /** A field shows as wrong only when the last check named it. */
  protected readonly errorState = fieldErrorStates(() => this.invalid());

  protected headingId(suffix: string): string {
    return `place-${this.place().id}-${suffix}`;
  }

  protected setField(field: keyof UnitDraft, value: string): void {
    this.draft.update((draft) => ({ ...draft, [field]: value ?? '' }));
  }

  protected addUnit(): void {
    const { request, invalid } = unitRequest(this.draft());
    this.invalid.set(new Set(invalid));
    this.formProblem.set(null);
    this.added.set(null);
    if (request === null) {
      this.formProblem.set({ key: 'hosting.form.invalid', detail: null, fieldErrors: [] });
      setTimeout(() =>
        this.host.nativeElement.querySelector<HTMLElement>(`[data-path="${invalid[0]}"]`)?.focus(),
      );
      return;
    }
    this.sending.set(true);
    this.api.createUnit(this.place().id, request).subscribe({
      next: (unit) => {
        this.sending.set(false);
        this.added.set(unit.name);
        this.draft.set(blankUnitDraft());
        this.occupancy.reload();
      },
      error: (error: unknown) => {
        this.sending.set(false);
        this.formProblem.set(problemMessage(error, { 409: 'hosting.form.nameTaken' }));
      },
    });
  }

  protected reload(): void {
    this.occupancy.reload();
  }
}
