import { DecimalPipe } from '@angular/common';
import { HttpEventType } from '@angular/common/http';
import {
  ChangeDetectionStrategy,
  Component,
  computed,
  DestroyRef,
  inject,
  signal,
} from '@angular/core';
import { takeUntilDestroyed, toSignal } from '@angular/core/rxjs-interop';
import { MatButton } from '@angular/material/button';
import { MatProgressBar } from '@angular/material/progress-bar';
import { RouterLink } from '@angular/router';
import { catchError, map, of } from 'rxjs';
import { TranslocoPipe, TranslocoService } from '@jsverse/transloco';
import {
  AuthSession,
  StartupsApi,
  StructuresApi,
  problemMessage,
  type ProblemMessage,
} from '@parcours/backoffice-data-access';
import { ProblemState } from '@parcours/backoffice-ui';
import type { RoleGrant, StartupImportReport, StructureView } from '@parcours/contracts';

/** The API's limit; a larger file is refused here before it travels. */
export const IMPORT_LIMIT_BYTES = 64 * 1024 * 1024;

export const IMPORT_TEMPLATE_FILE_NAME = 'modele-import-startups.csv';

/**
 * Managers and admins bring startups in from a spreadsheet: a CSV sent with its upload progress,
 * then the report — how many were created, and each refused row with the reason for each column —
 * so that they can fix those rows and send them again.
 */
@Component({
  selector: 'bo-startup-import-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [DecimalPipe, MatButton, MatProgressBar, ProblemState, RouterLink, TranslocoPipe],
  templateUrl: './startup-import-page.html',
  styleUrl: './startup-import-page.scss',
})
export class StartupImportPage {
  private readonly startupsApi = inject(StartupsApi);
  private readonly destroyRef = inject(DestroyRef);
  private readonly transloco = inject(TranslocoService);
  private readonly session = inject(AuthSession);

  /**
   * The structures the imported startups may be followed by: those the person manages (every
   * structure for an admin). With one, it is used without asking; with several, the person
   * chooses, as the API requires.
   */
  protected readonly structures = toSignal(
    inject(StructuresApi)
      .list()
      .pipe(
        map((page) => importTargets(page.items, this.session.grants())),
        catchError(() => of([] as StructureView[])),
      ),
    { initialValue: [] as StructureView[] },
  );
  protected readonly chosenStructure = signal<string | null>(null);
  protected readonly structureId = computed(() => {
    const choices = this.structures();
    return choices.length === 1 ? choices[0].id : this.chosenStructure();
  });

  protected readonly language = toSignal(this.transloco.langChanges$, {
    initialValue: this.transloco.getActiveLang(),
  });
  protected readonly maxMegabytes = IMPORT_LIMIT_BYTES / 1024 / 1024;
  protected readonly file = signal<File | null>(null);
  /** 0–100 while sending; null otherwise. */
  protected readonly progress = signal<number | null>(null);
  /** Sent entirely: the API is creating the startups, which takes longer than the upload. */
  protected readonly processing = signal(false);
  protected readonly report = signal<StartupImportReport | null>(null);
  protected readonly problem = signal<ProblemMessage | null>(null);
  protected readonly templateProblem = signal<ProblemMessage | null>(null);

  protected chooseFile(event: Event): void {
    const input = event.target as HTMLInputElement;
    this.file.set(input.files?.[0] ?? null);
    this.problem.set(null);
  }

  protected chooseStructure(event: Event): void {
    this.chosenStructure.set((event.target as HTMLSelectElement).value || null);
    this.problem.set(null);
  }

  protected send(): void {
    const file = this.file();
    if (file === null) {
      this.problem.set({ key: 'import.chooseFirst', detail: null, fieldErrors: [] });
      return;
    }
    if (this.structures().length > 1 && this.structureId() === null) {
      this.problem.set({ key: 'import.chooseStructureFirst', detail: null, fieldErrors: [] });
      return;
    }
    if (file.size > IMPORT_LIMIT_BYTES) {
      this.problem.set({ key: 'errors.tooLarge', detail: null, fieldErrors: [] });
      return;
    }
    this.progress.set(0);
    this.processing.set(false);
    this.problem.set(null);
    this.report.set(null);
    this.startupsApi
      .importCsv(file, this.structureId())
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: (event) => {
          if (event.type === HttpEventType.UploadProgress) {
            const percent = event.total ? Math.round((100 * event.loaded) / event.total) : 0;
            this.progress.set(percent);
            this.processing.set(percent >= 100);
          } else if (event.type === HttpEventType.Response) {
            this.report.set(event.body);
          }
        },
        error: (error: unknown) => {
          this.progress.set(null);
          this.processing.set(false);
          this.problem.set(problemMessage(error));
        },
        complete: () => {
          this.progress.set(null);
          this.processing.set(false);
        },
      });
  }

  protected downloadTemplate(): void {
    this.templateProblem.set(null);
    this.startupsApi
      .importTemplate()
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: (blob) => saveBlob(blob, IMPORT_TEMPLATE_FILE_NAME),
        error: (error: unknown) => this.templateProblem.set(problemMessage(error)),
      });
  }
}

/** Every structure for an admin; otherwise the structures the person manages. */
export function importTargets(
  structures: readonly StructureView[],
  grants: readonly RoleGrant[],
): StructureView[] {
  if (grants.some((grant) => grant.role === 'admin')) return [...structures];
  const managed = new Set(
    grants
      .filter((grant) => grant.role === 'manager' && grant.scope === 'STRUCTURE')
      .map((grant) => grant.scopeId),
  );
  return structures.filter((structure) => managed.has(structure.id));
}

function saveBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.rel = 'noopener';
  document.body.appendChild(link);
  link.click();
  link.remove();
  // Revoked once the browser has started the download.
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
