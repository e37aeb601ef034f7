import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { MatButton } from '@angular/material/button';
import { TranslocoPipe } from '@jsverse/transloco';
import {
  ProblemMessage,
  ReferenceAdminApi,
  problemMessage,
  type NewCohort,
  type ProgrammeChanges,
} from '@parcours/backoffice-data-access';
import { StateMessage } from '@parcours/backoffice-ui';
import {
  PIPELINE_STAGES,
  PROGRAMME_MODES,
  type ChecklistTemplateItem,
  type CohortView,
  type PipelineStage,
  type ProgrammeView,
  type StructureView,
} from '@parcours/contracts';
import { firstValueFrom } from 'rxjs';
import { fromKeyValueRows, toKeyValueRows, type KeyValueRow } from '../target-rows';
import { AdminFeedback } from '../admin-feedback';

interface ProgrammeDraft extends Omit<ProgrammeChanges, 'targets'> {
  targets: KeyValueRow[];
}

const blankProgramme = (): ProgrammeDraft => ({
  name: '',
  stage: 'INCUBATION',
  mode: 'ROLLING',
  capacity: null,
  reviewIntervalDays: 90,
  timeInStageLimitDays: null,
  checklistTemplate: [],
  targets: [],
});

const blankCohort = (): NewCohort => ({ name: '', startsOn: '', endsOn: null, capacity: null });

const numberOrNull = (value: string): number | null =>
  value.trim() === '' || Number.isNaN(Number(value)) ? null : Number(value);

/** A checklist item key from its title: lowercase ASCII words joined by dashes. */
export function checklistKey(title: string): string {
  return (
    title
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 60) || 'item'
  );
}

/**
 * Programmes: capacity, review interval, time-in-stage limit, checklist template and targets;
 * their cohorts.
 */
@Component({
  selector: 'bo-programmes-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [FormsModule, MatButton, TranslocoPipe, StateMessage, AdminFeedback],
  templateUrl: './programmes-page.html',
  styleUrl: '../admin-page.scss',
})
export class ProgrammesPage {
  private readonly api = inject(ReferenceAdminApi);
  protected readonly stages = PIPELINE_STAGES;
  protected readonly modes = PROGRAMME_MODES;
  protected readonly toNumber = numberOrNull;

  protected readonly programmes = signal<ProgrammeView[]>([]);
  protected readonly structures = signal<StructureView[]>([]);
  protected readonly structureNames = computed(
    () => new Map(this.structures().map((structure) => [structure.id, structure.name])),
  );
  protected readonly loading = signal(true);
  protected readonly loadFailure = signal<ProblemMessage | null>(null);

  protected readonly editing = signal<ProgrammeView | null>(null);
  protected readonly structureId = signal('');
  protected readonly draft = signal<ProgrammeDraft>(blankProgramme());
  protected readonly saving = signal(false);
  protected readonly failure = signal<ProblemMessage | null>(null);
  protected readonly notice = signal<string | null>(null);

  protected readonly cohorts = signal<CohortView[]>([]);
  protected readonly cohortDraft = signal<NewCohort>(blankCohort());
  protected readonly cohortFailure = signal<ProblemMessage | null>(null);

  constructor() {
    void this.load();
  }

  protected async load(): Promise<void> {
    this.loading.set(true);
    this.loadFailure.set(null);
    try {
      const [programmes, structures] = await Promise.all([
        firstValueFrom(this.api.programmes()),
        firstValueFrom(this.api.structures()),
      ]);
      this.programmes.set(programmes.items);
      this.structures.set(structures.items);
      if (this.structureId() === '' && structures.items[0]) {
        this.structureId.set(structures.items[0].id);
      }
    } catch (error: unknown) {
      this.loadFailure.set(problemMessage(error));
    } finally {
      this.loading.set(false);
    }
  }

  protected patch(changes: Partial<ProgrammeDraft>): void {
    this.draft.update((current) => ({ ...current, ...changes }));
  }

  protected patchChecklist(index: number, changes: Partial<ChecklistTemplateItem>): void {
    this.draft.update((current) => ({
      ...current,
      checklistTemplate: current.checklistTemplate.map((item, at) =>
        at === index ? { ...item, ...changes } : item,
      ),
    }));
  }

  protected addChecklistItem(): void {
    this.patch({
      checklistTemplate: [
        ...this.draft().checklistTemplate,
        { key: '', title: '', required: true },
      ],
    });
  }

  protected removeChecklistItem(index: number): void {
    this.patch({
      checklistTemplate: this.draft().checklistTemplate.filter((_, at) => at !== index),
    });
  }

  protected patchTarget(index: number, changes: Partial<KeyValueRow>): void {
    this.patch({
      targets: this.draft().targets.map((row, at) => (at === index ? { ...row, ...changes } : row)),
    });
  }

  protected addTarget(): void {
    this.patch({ targets: [...this.draft().targets, { key: '', value: null }] });
  }

  protected removeTarget(index: number): void {
    this.patch({ targets: this.draft().targets.filter((_, at) => at !== index) });
  }

  protected async edit(programme: ProgrammeView): Promise<void> {
    this.editing.set(programme);
    this.structureId.set(programme.structureId);
    this.draft.set({
      name: programme.name,
      stage: programme.stage as PipelineStage,
      mode: programme.mode,
      capacity: programme.capacity,
      reviewIntervalDays: programme.reviewIntervalDays,
      timeInStageLimitDays: programme.timeInStageLimitDays,
      checklistTemplate: programme.checklistTemplate.map((item) => ({ ...item })),
      targets: toKeyValueRows(programme.targets ?? {}),
    });
    this.failure.set(null);
    this.notice.set(null);
    this.cohortFailure.set(null);
    await this.loadCohorts(programme.id);
  }

  protected cancel(): void {
    this.editing.set(null);
    this.draft.set(blankProgramme());
    this.cohorts.set([]);
  }

  protected async save(): Promise<void> {
    if (this.saving()) return;
    const draft = this.draft();
    const targets = fromKeyValueRows(draft.targets);
    if (targets === null) {
      this.failure.set({ key: 'admin.programmes.badTargets', detail: null, fieldErrors: [] });
      return;
    }
    const changes: ProgrammeChanges = {
      ...draft,
      name: draft.name.trim(),
      checklistTemplate: draft.checklistTemplate.map((item) => ({
        key: item.key.trim() || checklistKey(item.title),
        title: item.title.trim(),
        required: item.required,
      })),
      targets,
    };
    this.saving.set(true);
    this.failure.set(null);
    this.notice.set(null);
    try {
      const current = this.editing();
      const saved = current
        ? await firstValueFrom(this.api.updateProgramme(current, changes))
        : await firstValueFrom(this.api.createProgramme(this.structureId(), changes));
      this.notice.set(current ? 'admin.saved' : 'admin.programmes.created');
      await this.load();
      await this.edit(saved);
      this.notice.set(current ? 'admin.saved' : 'admin.programmes.created');
    } catch (error: unknown) {
      this.failure.set(problemMessage(error));
    } finally {
      this.saving.set(false);
    }
  }

  protected patchCohort(changes: Partial<NewCohort>): void {
    this.cohortDraft.update((current) => ({ ...current, ...changes }));
  }

  protected async createCohort(programme: ProgrammeView): Promise<void> {
    this.cohortFailure.set(null);
    try {
      const draft = this.cohortDraft();
      await firstValueFrom(
        this.api.createCohort(programme.id, {
          name: draft.name.trim(),
          startsOn: draft.startsOn,
          endsOn: draft.endsOn || null,
          capacity: draft.capacity,
        }),
      );
      this.cohortDraft.set(blankCohort());
      await this.loadCohorts(programme.id);
    } catch (error: unknown) {
      this.cohortFailure.set(problemMessage(error));
    }
  }

  private async loadCohorts(programmeId: string): Promise<void> {
    try {
      this.cohorts.set((await firstValueFrom(this.api.cohorts(programmeId))).items);
    } catch (error: unknown) {
      this.cohortFailure.set(problemMessage(error));
    }
  }
}
