import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { MatButton } from '@angular/material/button';
import { TranslocoPipe } from '@jsverse/transloco';
import { ProblemMessage, TargetsApi, problemMessage } from '@parcours/backoffice-data-access';
import { StateMessage } from '@parcours/backoffice-ui';
import { ECOSYSTEM_TARGET_METRICS, type EcosystemTargetMetric } from '@parcours/contracts';
import { firstValueFrom } from 'rxjs';
import {
  nextTargetRow,
  targetRowProblems,
  toEcosystemTargets,
  type TargetRow,
} from '../target-rows';
import { AdminFeedback } from '../admin-feedback';

const numberOrNull = (value: string): number | null =>
  value.trim() === '' || Number.isNaN(Number(value)) ? null : Number(value);

/** The ecosystem's published targets: one row per figure and horizon, saved as a whole. */
@Component({
  selector: 'bo-targets-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [MatButton, TranslocoPipe, StateMessage, AdminFeedback],
  template: `
    <section class="admin-section" aria-labelledby="targets-heading">
      <h2 id="targets-heading">{{ 'admin.targets.heading' | transloco }}</h2>
      <p class="admin-muted">{{ 'admin.targets.intro' | transloco }}</p>
      <bo-admin-feedback [problem]="failure()" [notice]="notice()" />
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
      } @else {
        @if (rows().length === 0) {
          <bo-state-message tone="empty">{{ 'admin.targets.empty' | transloco }}</bo-state-message>
        } @else {
          <table class="admin-table">
            <thead>
              <tr>
                <th scope="col">{{ 'admin.targets.metric' | transloco }}</th>
                <th scope="col">{{ 'admin.targets.horizon' | transloco }}</th>
                <th scope="col">{{ 'admin.targets.target' | transloco }}</th>
                <th scope="col">
                  <span class="cdk-visually-hidden">{{ 'admin.users.actions' | transloco }}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              @for (row of rows(); track $index; let index = $index) {
                <tr>
                  <td>
                    <select
                      class="admin-select"
                      [attr.aria-label]="('admin.targets.metric' | transloco) + ' ' + (index + 1)"
                      (change)="update(index, { metric: $any($event.target).value })"
                    >
                      @for (metric of metrics; track metric) {
                        <option [value]="metric" [selected]="metric === row.metric">
                          {{ 'admin.metrics.' + metric | transloco }}
                        </option>
                      }
                    </select>
                  </td>
                  <td>
                    <input
                      class="admin-input"
                      type="number"
                      min="1"
                      max="30"
                      [value]="row.horizonYears ?? ''"
                      [attr.aria-label]="('admin.targets.horizon' | transloco) + ' ' + (index + 1)"
                      [attr.aria-invalid]="problems().get(index) === 'horizon'"
                      (input)="update(index, { horizonYears: toNumber($any($event.target).value) })"
                    />
                  </td>
                  <td>
                    <input
                      class="admin-input"
                      type="number"
                      min="0"
                      [value]="row.target ?? ''"
                      [attr.aria-label]="('admin.targets.target' | transloco) + ' ' + (index + 1)"
                      [attr.aria-invalid]="problems().get(index) === 'target'"
                      (input)="update(index, { target: toNumber($any($event.target).value) })"
                    />
                    @if (problems().get(index); as problem) {
                      <span class="admin-alert-inline">{{
                        'admin.targets.problems.' + problem | transloco
                      }}</span>
                    }
                  </td>
                  <td>
                    <button mat-button type="button" (click)="remove(index)">
                      {{ 'admin.targets.remove' | transloco }}
                      <span class="cdk-visually-hidden">{{ index + 1 }}</span>
                    </button>
                  </td>
                </tr>
              }
            </tbody>
          </table>
        }
        <div class="admin-actions">
          <button mat-stroked-button type="button" (click)="add()">
            {{ 'admin.targets.add' | transloco }}
          </button>
          <button mat-flat-button type="button" (click)="save()" [attr.aria-disabled]="saving()">
            {{ 'admin.save' | transloco }}
          </button>
        </div>
      }
    </section>
  `,
  styleUrl: '../admin-page.scss',
})
export class TargetsPage {
  private readonly api = inject(TargetsApi);
  protected readonly metrics = ECOSYSTEM_TARGET_METRICS;
  protected readonly rows = signal<TargetRow[]>([]);
  protected readonly problems = computed(() => targetRowProblems(this.rows()));
  protected readonly loading = signal(true);
  protected readonly loadFailure = signal<ProblemMessage | null>(null);
  protected readonly saving = signal(false);
  protected readonly failure = signal<ProblemMessage | null>(null);
  protected readonly notice = signal<string | null>(null);
  protected readonly toNumber = numberOrNull;

  constructor() {
    void this.load();
  }

  protected async load(): Promise<void> {
    this.loading.set(true);
    this.loadFailure.set(null);
    try {
      const { items } = await firstValueFrom(this.api.list());
      this.rows.set(
        items.map(({ metric, horizonYears, target }) => ({ metric, horizonYears, target })),
      );
    } catch (error: unknown) {
      this.loadFailure.set(problemMessage(error));
    } finally {
      this.loading.set(false);
    }
  }

  protected update(
    index: number,
    changes: Partial<TargetRow> & { metric?: EcosystemTargetMetric },
  ): void {
    this.notice.set(null);
    this.rows.update((rows) =>
      rows.map((row, at) => (at === index ? { ...row, ...changes } : row)),
    );
  }

  protected add(): void {
    this.rows.update((rows) => [...rows, nextTargetRow(rows)]);
  }

  protected remove(index: number): void {
    this.rows.update((rows) => rows.filter((_, at) => at !== index));
  }

  protected async save(): Promise<void> {
    if (this.saving()) return;
    if (this.problems().size > 0) {
      this.failure.set({ key: 'admin.targets.fix', detail: null, fieldErrors: [] });
      return;
    }
    this.saving.set(true);
    this.failure.set(null);
    try {
      const { items } = await firstValueFrom(this.api.replace(toEcosystemTargets(this.rows())));
      this.rows.set(
        items.map(({ metric, horizonYears, target }) => ({ metric, horizonYears, target })),
      );
      this.notice.set('admin.saved');
    } catch (error: unknown) {
      this.failure.set(problemMessage(error));
    } finally {
      this.saving.set(false);
    }
  }
}
