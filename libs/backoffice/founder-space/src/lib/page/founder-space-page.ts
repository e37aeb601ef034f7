import { DatePipe } from '@angular/common';
import {
  ChangeDetectionStrategy,
  Component,
  ElementRef,
  Injector,
  afterNextRender,
  computed,
  inject,
  input,
  linkedSignal,
  signal,
  viewChild,
} from '@angular/core';
import { rxResource, toSignal } from '@angular/core/rxjs-interop';
import { MatButton } from '@angular/material/button';
import { RouterLink } from '@angular/router';
import { TranslocoPipe, TranslocoService } from '@jsverse/transloco';
import {
  AuthSession,
  DossierApi,
  FounderApi,
  KpiReportsApi,
  StartupsApi,
  problemMessage,
  type ProblemMessage,
} from '@parcours/backoffice-data-access';
import {
  ChecklistPanel,
  DOSSIER_CLOCK,
  DocumentsPanel,
  KpiPanel,
  SessionsPanel,
  dueQuarter,
  saveBlob,
} from '@parcours/backoffice-dossier';
import { MyActionItems } from '@parcours/backoffice-mentor-space';
import { EmptyState, ProblemState } from '@parcours/backoffice-ui';
import type { ConsentRequestView } from '@parcours/contracts';
import { EMPTY } from 'rxjs';
import { ApplicationPanel } from '../application/application-panel';
import { ConsentRequests, type ConsentAnswer } from '../consents/consent-requests';
import { chosenStartupId, foundedStartupIds } from '../founder-startups';

/**
 * `/ma-startup`: the founder's own dossier, what is expected of them next (items to submit, the
 * quarter's KPI report, consents to give), upload, KPI report, applying to a programme and the
 * export of their personal data.
 */
@Component({
  selector: 'bo-founder-space-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    DatePipe,
    MatButton,
    RouterLink,
    TranslocoPipe,
    EmptyState,
    ProblemState,
    ApplicationPanel,
    ChecklistPanel,
    ConsentRequests,
    DocumentsPanel,
    KpiPanel,
    MyActionItems,
    SessionsPanel,
  ],
  templateUrl: './founder-space-page.html',
  styleUrl: './founder-space-page.scss',
})
export class FounderSpacePage {
  /** `?startup=` for founders of several startups. */
  readonly startup = input<string>();

  private readonly session = inject(AuthSession);
  private readonly dossierApi = inject(DossierApi);
  private readonly founderApi = inject(FounderApi);
  private readonly kpiApi = inject(KpiReportsApi);
  private readonly startupsApi = inject(StartupsApi);
  private readonly now = inject(DOSSIER_CLOCK);
  private readonly transloco = inject(TranslocoService);
  protected readonly language = toSignal(this.transloco.langChanges$, {
    initialValue: this.transloco.getActiveLang(),
  });

  protected readonly founded = computed(() => foundedStartupIds(this.session.grants()));
  protected readonly startupId = computed(() => chosenStartupId(this.founded(), this.startup()));

  protected readonly dossier = rxResource({
    params: () => this.startupId() ?? undefined,
    stream: ({ params }) => (params ? this.dossierApi.startup(params) : EMPTY),
  });
  protected readonly dossierProblem = computed(() => {
    const error = this.dossier.error();
    return error ? problemMessage(error) : null;
  });
  /** Founders of several startups switch between them by name. */
  protected readonly otherStartups = rxResource({
    params: () => (this.founded().length > 1 ? this.founded() : undefined),
    stream: () => this.startupsApi.list({ limit: 50 }),
  });
  protected readonly startupChoices = computed(() =>
    this.otherStartups.hasValue()
      ? this.otherStartups.value().items.filter((startup) => this.founded().includes(startup.id))
      : [],
  );

  private readonly refreshCount = signal(0);
  private readonly checklist = rxResource({
    params: () => {
      const id = this.startupId();
      return id ? { id, refresh: this.refreshCount() } : undefined;
    },
    stream: ({ params }) => this.dossierApi.checklist(params.id),
  });
  private readonly reports = rxResource({
    params: () => {
      const id = this.startupId();
      return id ? { id, refresh: this.refreshCount() } : undefined;
    },
    stream: ({ params }) => this.kpiApi.list(params.id),
  });
  private readonly consentsResource = rxResource({ stream: () => this.founderApi.consents() });
  protected readonly consents = linkedSignal<ConsentRequestView[]>(() =>
    this.consentsResource.hasValue()
      ? this.consentsResource.value().items.filter((item) => item.startupId === this.startupId())
      : [],
  );

  protected readonly itemsToSubmit = computed(() =>
    this.checklist.hasValue()
      ? this.checklist.value().items.filter((item) => item.current && item.status === 'OPEN')
      : [],
  );
  protected readonly dueQuarter = dueQuarter(this.now());
  protected readonly kpiReportDue = computed(
    () =>
      this.reports.hasValue() &&
      !this.reports.value().items.some((report) => report.quarter === this.dueQuarter),
  );
  protected readonly expectationsKnown = computed(
    () => this.checklist.hasValue() && this.reports.hasValue(),
  );
  protected readonly nothingExpected = computed(
    () =>
      this.expectationsKnown() &&
      this.itemsToSubmit().length === 0 &&
      !this.kpiReportDue() &&
      this.consents().length === 0,
  );

  protected readonly checklistRefresh = signal(0);
  protected readonly exporting = signal(false);
  protected readonly exportProblem = signal<ProblemMessage | null>(null);
  protected readonly exported = signal(false);

  protected onChanged(): void {
    this.refreshCount.update((count) => count + 1);
  }

  protected onUploaded(linked: boolean): void {
    if (linked) this.checklistRefresh.update((count) => count + 1);
    this.refreshCount.update((count) => count + 1);
  }

  /** What the founder's last answer to a consent request did, in words. */
  protected readonly consentOutcome = signal<string | null>(null);
  private readonly consentOutcomeElement =
    viewChild<ElementRef<HTMLElement>>('consentOutcomeMessage');
  private readonly injector = inject(Injector);

  protected onConsentAnswered(answer: ConsentAnswer): void {
    this.consents.update((items) =>
      items.filter((item) => item.transitionId !== answer.transitionId),
    );
    this.consentOutcome.set(
      answer.decision === 'GRANT' ? 'founder.consents.granted' : 'founder.consents.declined',
    );
    // The buttons that had the focus are gone: it goes to the sentence saying what happened,
    // rather than back to the top of the page.
    afterNextRender(() => this.consentOutcomeElement()?.nativeElement.focus(), {
      injector: this.injector,
    });
  }

  /** Everything held on the person, as the JSON file the API gives. */
  protected exportPersonalData(): void {
    this.exporting.set(true);
    this.exportProblem.set(null);
    this.exported.set(false);
    this.dossierApi.personalDataExport().subscribe({
      next: (data) => {
        this.exporting.set(false);
        this.exported.set(true);
        const day = data.exportedAt.slice(0, 10);
        saveBlob(
          new Blob([JSON.stringify(data, null, 2)], { type: 'application/json' }),
          `parcours-donnees-personnelles-${day}.json`,
        );
      },
      error: (error: unknown) => {
        this.exporting.set(false);
        this.exportProblem.set(problemMessage(error));
      },
    });
  }

  protected reload(): void {
    this.dossier.reload();
  }
}
