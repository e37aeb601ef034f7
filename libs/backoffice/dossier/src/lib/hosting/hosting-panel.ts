import { CurrencyPipe, DatePipe, DecimalPipe } from '@angular/common';
import { HttpErrorResponse } from '@angular/common/http';
import {
  ChangeDetectionStrategy,
  Component,
  ElementRef,
  computed,
  inject,
  input,
  output,
  signal,
} from '@angular/core';
import { rxResource, toSignal } from '@angular/core/rxjs-interop';
import { FormsModule } from '@angular/forms';
import { MatButton } from '@angular/material/button';
import { MatFormField, MatHint, MatLabel } from '@angular/material/form-field';
import { MatInput } from '@angular/material/input';
import { TranslocoPipe, TranslocoService } from '@jsverse/transloco';
import { HostingApi, problemMessage, type ProblemMessage } from '@parcours/backoffice-data-access';
import { EmptyState, LoadingState, ProblemState, fieldErrorStates } from '@parcours/backoffice-ui';
import type { HostingAgreementView, HostingUnitView, PlaceView } from '@parcours/contracts';
import { forkJoin, map, of, switchMap } from 'rxjs';
import { DOSSIER_CLOCK } from '../dossier-clock';
import {
  agreementRequest,
  blankAgreementDraft,
  endChange,
  type AgreementDraft,
} from './hosting-agreement-form';

interface HostingState {
  agreements: HostingAgreementView[];
  places: PlaceView[];
  units: HostingUnitView[];
}

const isoDay = (date: Date): string =>
  `${date.getFullYear()}-${String(date.getMonth() + 1).padStart(2, '0')}-${String(date.getDate()).padStart(2, '0')}`;

/**
 * The startup's hosting agreements (place, unit, period, seats, monthly rent) and, for the people
 * who manage a place, the forms to sign a new one and to move or clear an agreement's last day.
 */
@Component({
  selector: 'bo-hosting-panel',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    CurrencyPipe,
    DatePipe,
    DecimalPipe,
    FormsModule,
    MatButton,
    MatFormField,
    MatHint,
    MatInput,
    MatLabel,
    TranslocoPipe,
    EmptyState,
    LoadingState,
    ProblemState,
  ],
  templateUrl: './hosting-panel.html',
  styleUrls: ['../panel.scss', './hosting-panel.scss'],
})
export class HostingPanel {
  readonly startupId = input.required<string>();
  /** Admins and the startup's managers; the API still checks they manage the place. */
  readonly canManage = input(false);
  /** An agreement was signed or changed: the timeline has a new event. */
  readonly changed = output<void>();

  private readonly api = inject(HostingApi);
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);
  private readonly now = inject(DOSSIER_CLOCK);
  private readonly transloco = inject(TranslocoService);
  protected readonly language = toSignal(this.transloco.langChanges$, {
    initialValue: this.transloco.getActiveLang(),
  });

  /** Agreements, the places, and the units of the places shown or offered in the form. */
  protected readonly resource = rxResource({
    params: () => ({ startupId: this.startupId(), canManage: this.canManage() }),
    stream: ({ params }) =>
      forkJoin({
        agreements: this.api.agreements(params.startupId),
        places: this.api.places(),
      }).pipe(
        switchMap(({ agreements, places }) => {
          const placeIds = new Set(agreements.items.map((agreement) => agreement.placeId));
          if (params.canManage) {
            places.items.filter((place) => place.manageable).forEach((p) => placeIds.add(p.id));
          }
          const units =
            placeIds.size === 0
              ? of([] as HostingUnitView[])
              : forkJoin([...placeIds].map((id) => this.api.units(id))).pipe(
                  map((lists) => lists.flatMap((list) => list.items)),
                );
          return units.pipe(
            map(
              (all): HostingState => ({
                agreements: agreements.items,
                places: places.items,
                units: all,
              }),
            ),
          );
        }),
      ),
  });
  protected readonly problem = computed(() => {
    const error = this.resource.error();
    return error ? problemMessage(error) : null;
  });
  private readonly state = computed(() =>
    this.resource.hasValue() ? this.resource.value() : null,
  );
  protected readonly rows = computed(() => {
    const state = this.state();
    if (!state) return [];
    return state.agreements.map((agreement) => ({
      agreement,
      place: state.places.find((place) => place.id === agreement.placeId)?.name ?? '',
      unit: state.units.find((unit) => unit.id === agreement.unitId)?.name ?? '',
      manageable:
        this.canManage() &&
        (state.places.find((place) => place.id === agreement.placeId)?.manageable ?? false),
    }));
  });
  protected readonly manageablePlaces = computed(() =>
    this.canManage() ? (this.state()?.places.filter((place) => place.manageable) ?? []) : [],
  );

  private readonly today = isoDay(this.now());
  protected readonly draft = signal<AgreementDraft>(blankAgreementDraft('', this.today));
  /** The place chosen, or the first one managed while none is chosen. */
  protected readonly chosenPlaceId = computed(
    () => this.draft().placeId || (this.manageablePlaces()[0]?.id ?? ''),
  );
  protected readonly unitsOfPlace = computed(
    () => this.state()?.units.filter((unit) => unit.placeId === this.chosenPlaceId()) ?? [],
  );
  protected readonly invalid = signal<ReadonlySet<string>>(new Set());
  protected readonly formProblem = signal<ProblemMessage | null>(null);
  protected readonly sending = signal(false);
  protected readonly done = signal<{ key: string; params: Record<string, string> } | null>(null);

  /** The agreement whose last day is being changed, and the day typed. */
  protected readonly editing = signal<HostingAgreementView | null>(null);
  protected readonly editedEnd = signal('');
  protected readonly editProblem = signal<ProblemMessage | null>(null);

  /** A field shows as wrong only when the last check named it. */
  protected readonly errorState = fieldErrorStates(() => this.invalid());

  protected setField(field: keyof AgreementDraft, value: string): void {
    this.draft.update((draft) => ({
      ...draft,
      [field]: value ?? '',
      // Another place offers other units.
      ...(field === 'placeId' ? { unitId: '' } : {}),
    }));
  }

  protected create(): void {
    const { request, invalid } = agreementRequest({
      ...this.draft(),
      placeId: this.chosenPlaceId(),
    });
    this.invalid.set(new Set(invalid));
    this.formProblem.set(null);
    this.done.set(null);
    if (request === null) {
      this.formProblem.set({ key: 'dossier.hosting.form.invalid', detail: null, fieldErrors: [] });
      this.focus(`[data-path="${invalid[0]}"]`);
      return;
    }
    this.sending.set(true);
    this.api.createAgreement(this.startupId(), request).subscribe({
      next: (agreement) => {
        this.sending.set(false);
        const unit = this.state()?.units.find((each) => each.id === agreement.unitId);
        this.done.set({ key: 'dossier.hosting.form.created', params: { unit: unit?.name ?? '' } });
        this.draft.set(blankAgreementDraft(this.draft().placeId, this.today));
        this.resource.reload();
        this.changed.emit();
      },
      error: (error: unknown) => {
        this.sending.set(false);
        this.formProblem.set(problemMessage(error, { 409: 'dossier.hosting.form.unitFull' }));
      },
    });
  }

  protected startEditing(agreement: HostingAgreementView): void {
    this.editing.set(agreement);
    this.editedEnd.set(agreement.endsOn ?? this.today);
    this.editProblem.set(null);
    this.done.set(null);
    this.focus('#hosting-end');
  }

  protected cancelEditing(): void {
    const id = this.editing()?.id;
    this.editing.set(null);
    this.editProblem.set(null);
    if (id) this.focus(`[data-agreement="${id}"]`);
  }

  protected saveEnd(): void {
    const agreement = this.editing();
    if (!agreement) return;
    const change = endChange(agreement.startsOn, this.editedEnd());
    if ('invalid' in change) {
      this.editProblem.set({ key: 'dossier.hosting.end.invalid', detail: null, fieldErrors: [] });
      this.focus('#hosting-end');
      return;
    }
    this.sending.set(true);
    this.api.updateAgreementEnd(agreement, change.endsOn).subscribe({
      next: () => {
        this.sending.set(false);
        this.editing.set(null);
        this.done.set({ key: 'dossier.hosting.end.saved', params: {} });
        this.resource.reload();
        this.changed.emit();
      },
      error: (error: unknown) => {
        this.sending.set(false);
        this.editProblem.set(
          problemMessage(error, {
            409: 'dossier.hosting.end.unitFull',
            412: 'dossier.hosting.end.stale',
          }),
        );
        // Someone else changed it: their version is shown, to decide again from it.
        if (error instanceof HttpErrorResponse && error.status === 412) {
          this.editing.set(null);
          this.resource.reload();
        }
      },
    });
  }

  protected reload(): void {
    this.resource.reload();
  }

  private focus(selector: string): void {
    setTimeout(() => this.host.nativeElement.querySelector<HTMLElement>(selector)?.focus());
  }
}
