import { DatePipe, DecimalPipe } from '@angular/common';
import {
  ChangeDetectionStrategy,
  Component,
  computed,
  inject,
  input,
  linkedSignal,
  signal,
} from '@angular/core';
import { rxResource, toSignal } from '@angular/core/rxjs-interop';
import { MatProgressBar } from '@angular/material/progress-bar';
import { TranslocoPipe, TranslocoService } from '@jsverse/transloco';
import {
  AuthSession,
  DossierApi,
  problemMessage,
  type VersionedStartup,
} from '@parcours/backoffice-data-access';
import { LoadingState, ProblemState } from '@parcours/backoffice-ui';
import { ApplicationsPanel } from '../applications/applications-panel';
import { ChecklistPanel } from '../checklist/checklist-panel';
import { DocumentsPanel } from '../documents/documents-panel';
import { DOSSIER_CLOCK } from '../dossier-clock';
import { dossierAccess, pluralKey, wholeDaysSince } from '../dossier-access';
import { HostingPanel } from '../hosting/hosting-panel';
import { KpiPanel } from '../kpi/kpi-panel';
import { ProfilePanel } from '../profile/profile-panel';
import { SessionsPanel } from '../sessions/sessions-panel';
import { TimelinePanel } from '../timeline/timeline-panel';

/** One startup's dossier: profile, stage and time in stage, checklist, timeline and moves. */
@Component({
  selector: 'bo-dossier-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    DatePipe,
    DecimalPipe,
    MatProgressBar,
    TranslocoPipe,
    LoadingState,
    ProblemState,
    ApplicationsPanel,
    ChecklistPanel,
    DocumentsPanel,
    HostingPanel,
    KpiPanel,
    ProfilePanel,
    SessionsPanel,
    TimelinePanel,
  ],
  templateUrl: './dossier-page.html',
  styleUrl: './dossier-page.scss',
})
export class DossierPage {
  /** Route parameter, bound by the router (withComponentInputBinding). */
  readonly startupId = input.required<string>();

  private readonly api = inject(DossierApi);
  private readonly session = inject(AuthSession);
  private readonly now = inject(DOSSIER_CLOCK);
  private readonly transloco = inject(TranslocoService);
  protected readonly language = toSignal(this.transloco.langChanges$, {
    initialValue: this.transloco.getActiveLang(),
  });

  protected readonly dossier = rxResource({
    params: () => this.startupId(),
    stream: ({ params }) => this.api.startup(params),
  });
  /** The last version read or saved; a save replaces it without reading again. */
  protected readonly versioned = linkedSignal<VersionedStartup | null>(() =>
    this.dossier.hasValue() ? this.dossier.value() : null,
  );
  protected readonly problem = computed(() => {
    const error = this.dossier.error();
    return error ? problemMessage(error) : null;
  });
  /** Admins and managers open an application's review page from the dossier. */
  protected readonly reviewsApplications = computed(() =>
    this.session.hasAnyRole(['manager', 'admin']),
  );
  protected readonly access = computed(() => {
    const versioned = this.versioned();
    return versioned
      ? dossierAccess(this.session.roles(), this.session.grants(), versioned.startup)
      : null;
  });
  protected readonly daysInStage = computed(() => {
    const versioned = this.versioned();
    return versioned ? wholeDaysSince(versioned.startup.stageEnteredAt, this.now()) : 0;
  });
  protected readonly daysKey = computed(() =>
    pluralKey('dossier.daysInStage', this.daysInStage(), this.language()),
  );
  /** Bumped after a change here, so that the timeline shows its event. */
  protected readonly timelineRefresh = signal(0);
  /** Bumped when an upload was linked to a checklist item. */
  protected readonly checklistRefresh = signal(0);

  protected onSaved(versioned: VersionedStartup): void {
    this.versioned.set(versioned);
    this.timelineRefresh.update((count) => count + 1);
  }

  protected reload(): void {
    this.dossier.reload();
  }

  protected onChecklistChanged(): void {
    this.timelineRefresh.update((count) => count + 1);
  }

  protected onUploaded(linked: boolean): void {
    if (linked) this.checklistRefresh.update((count) => count + 1);
    this.timelineRefresh.update((count) => count + 1);
  }
}
