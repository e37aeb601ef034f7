import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { MatButton } from '@angular/material/button';
import { TranslocoPipe } from '@jsverse/transloco';
import {
  ProblemMessage,
  ReferenceAdminApi,
  problemMessage,
  type StructureChanges,
} from '@parcours/backoffice-data-access';
import { StateMessage } from '@parcours/backoffice-ui';
import { STRUCTURE_KINDS, TERRITORIES, type StructureView } from '@parcours/contracts';
import { firstValueFrom } from 'rxjs';
import { AdminFeedback } from '../admin-feedback';

const blank = (): StructureChanges => ({ name: '', kind: 'INCUBATOR', territory: 'ROUEN' });

/** Support structures: list, create, rename, change kind or territory. */
@Component({
  selector: 'bo-structures-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [FormsModule, MatButton, TranslocoPipe, StateMessage, AdminFeedback],
  template: `
    <section class="admin-section" aria-labelledby="structure-form-heading">
      <h2 id="structure-form-heading">
        {{
          (editing() ? 'admin.structures.editHeading' : 'admin.structures.createHeading')
            | transloco
        }}
      </h2>
      <bo-admin-feedback [problem]="failure()" [notice]="notice()" />
      <form class="admin-form" (ngSubmit)="save()">
        <label class="admin-label">
          {{ 'admin.structures.name' | transloco }}
          <input
            class="admin-input"
            name="name"
            required
            [ngModel]="draft().name"
            (ngModelChange)="patch({ name: $event })"
          />
        </label>
        <label class="admin-label">
          {{ 'admin.structures.kind' | transloco }}
          <select
            class="admin-select"
            name="kind"
            [ngModel]="draft().kind"
            (ngModelChange)="patch({ kind: $event })"
          >
            @for (kind of kinds; track kind) {
              <option [value]="kind">{{ 'admin.structureKinds.' + kind | transloco }}</option>
            }
          </select>
        </label>
        <label class="admin-label">
          {{ 'admin.structures.territory' | transloco }}
          <select
            class="admin-select"
            name="territory"
            [ngModel]="draft().territory ?? ''"
            (ngModelChange)="patch({ territory: $event || null })"
          >
            <option value="">{{ 'admin.structures.noTerritory' | transloco }}</option>
            @for (territory of territories; track territory) {
              <option [value]="territory">{{ 'territories.' + territory | transloco }}</option>
            }
          </select>
        </label>
        <div class="admin-actions">
          <button mat-flat-button type="submit" [attr.aria-disabled]="saving()">
            {{ (editing() ? 'admin.save' : 'admin.structures.create') | transloco }}
          </button>
          @if (editing()) {
            <button mat-button type="button" (click)="cancel()">
              {{ 'common.cancel' | transloco }}
            </button>
          }
        </div>
      </form>
    </section>

    <section class="admin-section" aria-labelledby="structures-heading">
      <h2 id="structures-heading">{{ 'admin.sections.structures' | transloco }}</h2>
      @if (loading()) {
        <bo-state-message tone="loading" role="status">{{
          'common.loading' | transloco
        }}</bo-state-message>
      } @else if (loadFailure(); as problem) {
        <bo-state-message tone="error" role="alert">
          {{ problem.key | transloco }}
          <button mat-button type="button" (click)="load()">
            {{ 'common.retry' | transloco }}
          </button>
        </bo-state-message>
      } @else if (structures().length === 0) {
        <bo-state-message tone="empty">{{ 'admin.structures.empty' | transloco }}</bo-state-message>
      } @else {
        <table class="admin-table">
          <thead>
            <tr>
              <th scope="col">{{ 'admin.structures.name' | transloco }}</th>
              <th scope="col">{{ 'admin.structures.kind' | transloco }}</th>
              <th scope="col">{{ 'admin.structures.territory' | transloco }}</th>
              <th scope="col">
                <span class="cdk-visually-hidden">{{ 'admin.users.actions' | transloco }}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            @for (structure of structures(); track structure.id) {
              <tr>
                <td>{{ structure.name }}</td>
                <td>{{ 'admin.structureKinds.' + structure.kind | transloco }}</td>
                <td>
                  {{
                    structure.territory ? ('territories.' + structure.territory | transloco) : '—'
                  }}
                </td>
                <td>
                  <button mat-button type="button" (click)="edit(structure)">
                    {{ 'admin.editNamed' | transloco: { name: structure.name } }}
                  </button>
                </td>
              </tr>
            }
          </tbody>
        </table>
      }
    </section>
  `,
  styleUrl: '../admin-page.scss',
})
export class StructuresPage {
  private readonly api = inject(ReferenceAdminApi);
  protected readonly kinds = STRUCTURE_KINDS;
  protected readonly territories = TERRITORIES;
  protected readonly structures = signal<StructureView[]>([]);
  protected readonly loading = signal(true);
  protected readonly loadFailure = signal<ProblemMessage | null>(null);
  protected readonly editing = signal<StructureView | null>(null);
  protected readonly draft = signal<StructureChanges>(blank());
  protected readonly saving = signal(false);
  protected readonly failure = signal<ProblemMessage | null>(null);
  protected readonly notice = signal<string | null>(null);

  constructor() {
    void this.load();
  }

  protected async load(): Promise<void> {
    this.loading.set(true);
    this.loadFailure.set(null);
    try {
      this.structures.set((await firstValueFrom(this.api.structures())).items);
    } catch (error: unknown) {
      this.loadFailure.set(problemMessage(error));
    } finally {
      this.loading.set(false);
    }
  }

  protected patch(changes: Partial<StructureChanges>): void {
    this.draft.update((current) => ({ ...current, ...changes }));
  }

  protected edit(structure: StructureView): void {
    this.editing.set(structure);
    this.draft.set({ name: structure.name, kind: structure.kind, territory: structure.territory });
    this.failure.set(null);
    this.notice.set(null);
  }

  protected cancel(): void {
    this.editing.set(null);
    this.draft.set(blank());
  }

  protected async save(): Promise<void> {
    if (this.saving()) return;
    this.saving.set(true);
    this.failure.set(null);
    this.notice.set(null);
    try {
      const current = this.editing();
      const changes = { ...this.draft(), name: this.draft().name.trim() };
      if (current) await firstValueFrom(this.api.updateStructure(current, changes));
      else await firstValueFrom(this.api.createStructure(changes));
      this.notice.set(current ? 'admin.saved' : 'admin.structures.created');
      this.cancel();
      await this.load();
    } catch (error: unknown) {
      this.failure.set(problemMessage(error));
    } finally {
      this.saving.set(false);
    }
  }
}
