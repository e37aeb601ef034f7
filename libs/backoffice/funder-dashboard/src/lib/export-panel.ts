import {
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  inject,
  input,
  signal,
} from '@angular/core';
import { MatButton } from '@angular/material/button';
import { MatProgressBar } from '@angular/material/progress-bar';
import { TranslocoPipe, TranslocoService } from '@jsverse/transloco';
import { ExportsApi, problemMessage } from '@parcours/backoffice-data-access';
import type {
  AnalyticsFilters,
  ExportJobResponse,
  ExportKind,
  ExportLanguage,
} from '@parcours/contracts';
import { filter, switchMap, take, timer, type Subscription } from 'rxjs';

const POLL_MS = 600;

/**
 * The export buttons. Every export runs as a background job: its progress (rows written out
 * of the total) is shown and announced, then the file is downloaded with the person's token.
 */
@Component({
  selector: 'bo-export-panel',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [MatButton, MatProgressBar, TranslocoPipe],
  template: `
    <div class="exports__buttons">
      @for (kind of kinds; track kind) {
        <button
          mat-stroked-button
          type="button"
          [disabled]="running() !== null"
          (click)="startExport(kind)"
        >
          {{ 'funder.exports.' + kind | transloco }}
        </button>
      }
    </div>
    @if (job(); as current) {
      @if (current.status === 'QUEUED' || current.status === 'RUNNING') {
        <mat-progress-bar
          [mode]="current.progress.total ? 'determinate' : 'indeterminate'"
          [value]="percent(current)"
          [attr.aria-label]="'funder.exports.progressLabel' | transloco"
        />
      }
    }
    <p class="exports__status" role="status">
      @if (job(); as current) {
        {{
          'funder.exports.status.' + current.status
            | transloco
              : {
                  kind: ('funder.exports.' + current.kind | transloco),
                  done: current.progress.done,
                  total: current.progress.total ?? '…',
                }
        }}
      }
      @if (problem(); as key) {
        {{ key | transloco }}
      }
    </p>
  `,
  styles: `
    :host {
      display: block;
    }
    .exports__buttons {
      display: flex;
      flex-wrap: wrap;
      gap: 8px;
      margin-bottom: 8px;
    }
    .exports__status {
      min-height: 1.5em;
    }
  `,
})
export class ExportPanel {
  readonly filters = input.required<AnalyticsFilters>();

  private readonly exportsApi = inject(ExportsApi);
  private readonly transloco = inject(TranslocoService);
  private subscription: Subscription | null = null;

  protected readonly kinds: readonly ExportKind[] = [
    'funder-report.pdf',
    'startups.xlsx',
    'startups.csv',
    'transitions.csv',
  ];
  protected readonly job = signal<ExportJobResponse | null>(null);
  protected readonly running = signal<string | null>(null);
  protected readonly problem = signal<string | null>(null);

  constructor() {
    inject(DestroyRef).onDestroy(() => this.subscription?.unsubscribe());
  }

  protected percent(job: ExportJobResponse): number {
    return job.progress.total ? (100 * job.progress.done) / job.progress.total : 0;
  }

  protected startExport(kind: ExportKind): void {
    this.problem.set(null);
    this.running.set(kind);
    const lang = this.transloco.getActiveLang() as ExportLanguage;
    this.subscription?.unsubscribe();
    this.subscription = this.exportsApi
      .create({ kind, filters: this.filters(), lang: lang === 'en' ? 'en' : 'fr' })
      .pipe(
        switchMap(({ id }) =>
          timer(0, POLL_MS).pipe(
            switchMap(() => this.exportsApi.status(id)),
            filter((job) => {
              this.job.set(job);
              return job.status !== 'QUEUED' && job.status !== 'RUNNING';
            }),
            take(1),
          ),
        ),
      )
      .subscribe({
        next: (job) => {
          if (job.status !== 'DONE') {
            this.running.set(null);
            return;
          }
          this.exportsApi.content(job.id).subscribe({
            next: (blob) => {
              this.save(blob, fileNameOf(job.kind));
              this.running.set(null);
            },
            error: (error: unknown) => this.fail(error),
          });
        },
        error: (error: unknown) => this.fail(error),
      });
  }

  private fail(error: unknown): void {
    this.running.set(null);
    this.problem.set(problemMessage(error).key);
  }

  /** A link to the bytes, clicked: the browser saves the file under its name. */
  private save(blob: Blob, fileName: string): void {
    const url = URL.createObjectURL(blob);
    const link = document.createElement('a');
    link.href = url;
    link.download = fileName;
    document.body.appendChild(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  }
}

function fileNameOf(kind: ExportKind): string {
  const [base, extension] = kind.split('.');
  return `parcours-${base}-${new Date().toISOString().slice(0, 10).replace(/-/g, '')}.${extension}`;
}
