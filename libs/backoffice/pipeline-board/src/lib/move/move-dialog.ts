import { DatePipe } from '@angular/common';
import {
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  computed,
  inject,
  linkedSignal,
  signal,
} from '@angular/core';
import { rxResource, takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { FormsModule } from '@angular/forms';
import { MatButton } from '@angular/material/button';
import { MatOption } from '@angular/material/core';
import {
  MAT_DIALOG_DATA,
  MatDialogActions,
  MatDialogClose,
  MatDialogContent,
  MatDialogRef,
  MatDialogTitle,
} from '@angular/material/dialog';
import { MatFormField, MatHint, MatLabel } from '@angular/material/form-field';
import { MatInput } from '@angular/material/input';
import { MatSelect } from '@angular/material/select';
import { RouterLink } from '@angular/router';
import { TranslocoPipe, TranslocoService } from '@jsverse/transloco';
import {
  AuthSession,
  DossierApi,
  ProblemMessage,
  ProgrammesApi,
  TransitionsApi,
  problemMessage,
} from '@parcours/backoffice-data-access';
import { LoadingState, ProblemState } from '@parcours/backoffice-ui';
import {
  isPipelineStage,
  type CohortView,
  type ProgrammeView,
  type Stage,
  type StartupView,
  type TransitionView,
} from '@parcours/contracts';
import { GUARD_CODES } from '@parcours/domain';
import { of } from 'rxjs';
import {
  ExplainedGuard,
  approvedOnRequest,
  assessMove,
  guardFromApiError,
  guardFromViolation,
  reasonRequired,
} from './move-options';

export interface MoveDialogData {
  startup: StartupView;
  toStage: Stage;
}

/** What the board learns when the dialog closes: the move requested, if any. */
export type MoveDialogResult = TransitionView | undefined;

/**
 * Requesting a stage move: programme, cohort and reason, the shared domain's verdict before
 * submitting (unmet requirements listed, the decision it will need), then what became of it.
 */
@Component({
  selector: 'bo-move-dialog',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    DatePipe,
    FormsModule,
    RouterLink,
    MatButton,
    MatDialogTitle,
    MatDialogContent,
    MatDialogActions,
    MatDialogClose,
    MatFormField,
    MatLabel,
    MatHint,
    MatInput,
    MatSelect,
    MatOption,
    TranslocoPipe,
    LoadingState,
    ProblemState,
  ],
  templateUrl: './move-dialog.html',
  styleUrl: './move-dialog.scss',
})
export class MoveDialog {
  protected readonly data = inject<MoveDialogData>(MAT_DIALOG_DATA);
  private readonly dialogRef = inject<MatDialogRef<MoveDialog, MoveDialogResult>>(MatDialogRef);
  private readonly programmesApi = inject(ProgrammesApi);
  private readonly dossierApi = inject(DossierApi);
  private readonly transitionsApi = inject(TransitionsApi);
  private readonly session = inject(AuthSession);
  private readonly destroyRef = inject(DestroyRef);
  private readonly transloco = inject(TranslocoService);

  protected readonly startup = this.data.startup;
  protected readonly toStage = this.data.toStage;
  protected readonly locale = computed(() => this.transloco.activeLang());
  protected readonly reasonRequired = reasonRequired(this.startup.stage, this.toStage);

  protected readonly programmes = rxResource({
    stream: () => {
      const stage = this.toStage;
      return isPipelineStage(stage)
        ? this.programmesApi.list({ stage })
        : of({ items: [], nextCursor: null });
    },
  });
  protected readonly programmeOptions = computed<ProgrammeView[]>(() =>
    this.programmes.hasValue()
      ? [...this.programmes.value().items].sort((a, b) => a.name.localeCompare(b.name))
      : [],
  );
  protected readonly checklist = rxResource({
    stream: () => this.dossierApi.checklist(this.startup.id),
  });

  /** One programme runs the stage: it is the obvious choice. */
  protected readonly programmeId = linkedSignal<string | null>(() => {
    const options = this.programmeOptions();
    return options.length === 1 ? (options[0]?.id ?? null) : null;
  });
  protected readonly programme = computed(
    () => this.programmeOptions().find((p) => p.id === this.programmeId()) ?? null,
  );
  protected readonly cohorts = rxResource({
    params: () => {
      const programme = this.programme();
      return programme?.mode === 'COHORT' ? programme.id : undefined;
    },
    stream: ({ params }) => this.programmesApi.cohorts(params),
  });
  /** Cohorts still to come or running, the latest first: the ones a startup can join. */
  protected readonly cohortOptions = computed<CohortView[]>(() => {
    if (!this.cohorts.hasValue() || this.programme()?.mode !== 'COHORT') return [];
    const today = new Date().toISOString().slice(0, 10);
    return this.cohorts
      .value()
      .items.filter((cohort) => cohort.endsOn === null || cohort.endsOn >= today)
      .sort((a, b) => b.startsOn.localeCompare(a.startsOn));
  });
  protected readonly cohortId = linkedSignal<string | null>(() => {
    this.programmeId();
    return null;
  });
  protected readonly reason = signal('');

  protected readonly loading = computed(
    () => this.programmes.isLoading() || this.checklist.isLoading(),
  );
  protected readonly loadProblem = computed(() => {
    const error = this.programmes.error() ?? this.checklist.error();
    return error ? problemMessage(error) : null;
  });

  protected readonly assessment = computed(() =>
    assessMove({
      startup: this.startup,
      toStage: this.toStage,
      programme: this.programme(),
      reason: this.reason(),
      checklist: this.checklist.hasValue()
        ? this.checklist.value().items.filter((item) => item.current)
        : [],
    }),
  );
  protected readonly unmetGuards = computed<ExplainedGuard[]>(() => {
    const assessment = this.assessment();
    return assessment.state === 'BLOCKED' ? assessment.unmet.map(guardFromViolation) : [];
  });
  protected readonly ruleKey = computed(() => {
    const assessment = this.assessment();
    return assessment.state === 'INCOMPLETE' || assessment.state === 'IMPOSSIBLE'
      ? `move.rules.${assessment.rule}`
      : null;
  });
  /** Whether the request will be approved at once, or wait for someone else's decision. */
  protected readonly decisionKey = computed(() => {
    const assessment = this.assessment();
    if (assessment.state !== 'READY') return null;
    if (assessment.requiresFourEyes) return 'move.decision.fourEyes';
    const target = this.programme()?.structureId ?? this.startup.structureId;
    return approvedOnRequest(false, this.session.grants(), target)
      ? 'move.decision.approvedOnRequest'
      : 'move.decision.awaitsManager';
  });

  protected readonly submitting = signal(false);
  protected readonly submitProblem = signal<ProblemMessage | null>(null);
  protected readonly submitGuards = signal<ExplainedGuard[]>([]);
  protected readonly requested = signal<TransitionView | null>(null);
  protected readonly canSubmit = computed(
    () =>
      !this.loading() &&
      this.loadProblem() === null &&
      this.assessment().state === 'READY' &&
      !this.submitting(),
  );

  protected submit(): void {
    if (!this.canSubmit()) return;
    this.submitting.set(true);
    this.submitProblem.set(null);
    this.submitGuards.set([]);
    this.transitionsApi
      .request(this.startup.id, {
        toStage: this.toStage,
        programmeId: this.programmeId(),
        cohortId: this.cohortId(),
        reason: this.reason(),
      })
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: (transition) => {
          this.requested.set(transition);
          this.submitting.set(false);
        },
        error: (error: unknown) => {
          const problem = problemMessage(error);
          const guards = problem.fieldErrors
            .map((fieldError) => guardFromApiError(fieldError.message))
            .filter((guard): guard is ExplainedGuard => guard !== null);
          // Guards the API names are said in the person's language, not the API's English.
          this.submitGuards.set(guards);
          this.submitProblem.set(
            guards.length > 0 ? { ...problem, detail: null, fieldErrors: [] } : problem,
          );
          this.submitting.set(false);
        },
      });
  }

  protected close(): void {
    this.dialogRef.close(this.requested() ?? undefined);
  }

  protected retryLoading(): void {
    if (this.programmes.error()) this.programmes.reload();
    if (this.checklist.error()) this.checklist.reload();
  }

  protected guardKey(guard: ExplainedGuard): string {
    return (GUARD_CODES as readonly string[]).includes(guard.code)
      ? `move.guards.${guard.code}`
      : 'move.guards.OTHER';
  }
}
