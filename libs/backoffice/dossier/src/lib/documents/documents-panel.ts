import { DatePipe, DecimalPipe } from '@angular/common';
import { HttpEventType } from '@angular/common/http';
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
  output,
  signal,
  viewChild,
} from '@angular/core';
import { rxResource, toSignal } from '@angular/core/rxjs-interop';
import { FormsModule } from '@angular/forms';
import { MatButton } from '@angular/material/button';
import { MatFormField, MatLabel } from '@angular/material/form-field';
import { MatInput } from '@angular/material/input';
import { MatProgressBar } from '@angular/material/progress-bar';
import { TranslocoPipe, TranslocoService } from '@jsverse/transloco';
import {
  DocumentsApi,
  DOCUMENT_UPLOAD_LIMIT_BYTES,
  DossierApi,
  problemMessage,
  type ChecklistItem,
  type DossierDocument,
  type ProblemMessage,
} from '@parcours/backoffice-data-access';
import { EmptyState, LoadingState, ProblemState } from '@parcours/backoffice-ui';
import { EMPTY, concatMap, of } from 'rxjs';

/**
 * The dossier's documents, newest first, each downloadable; founders and managers upload, with
 * the progress shown. A founder may upload against an expected checklist item, which is then
 * marked as submitted with the document attached.
 */
@Component({
  selector: 'bo-documents-panel',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    DatePipe,
    DecimalPipe,
    FormsModule,
    MatButton,
    MatFormField,
    MatInput,
    MatLabel,
    MatProgressBar,
    TranslocoPipe,
    EmptyState,
    LoadingState,
    ProblemState,
  ],
  templateUrl: './documents-panel.html',
  styleUrls: ['../panel.scss', './documents-panel.scss'],
})
export class DocumentsPanel {
  readonly startupId = input.required<string>();
  readonly canUpload = input(false);
  /** Founders link an upload to an expected item (which they then submit). */
  readonly linksChecklist = input(false);
  /** Bumped when the checklist changed elsewhere on the page. */
  readonly refresh = input(0);
  readonly headingKey = input('dossier.documents.heading');
  /** A document was uploaded, and the checklist item it was linked to if any. */
  readonly uploaded = output<{ document: DossierDocument; item: ChecklistItem | null }>();

  private readonly documentsApi = inject(DocumentsApi);
  private readonly dossierApi = inject(DossierApi);
  private readonly transloco = inject(TranslocoService);
  protected readonly language = toSignal(this.transloco.langChanges$, {
    initialValue: this.transloco.getActiveLang(),
  });
  protected readonly maxMegabytes = DOCUMENT_UPLOAD_LIMIT_BYTES / 1024 / 1024;

  protected readonly documents = rxResource({
    params: () => ({ id: this.startupId(), refresh: this.refresh() }),
    stream: ({ params }) => this.documentsApi.list(params.id),
  });
  protected readonly items = linkedSignal<DossierDocument[]>(() =>
    this.documents.hasValue()
      ? [...this.documents.value().items].sort((a, b) => b.uploadedAt.localeCompare(a.uploadedAt))
      : [],
  );
  protected readonly loadProblem = computed(() => {
    const error = this.documents.error();
    return error ? problemMessage(error) : null;
  });

  /** Items a founder may still submit: open ones of the current stage. */
  private readonly checklist = rxResource({
    params: () => (this.linksChecklist() ? { id: this.startupId(), r: this.refresh() } : undefined),
    stream: ({ params }) => this.dossierApi.checklist(params.id),
  });
  protected readonly linkable = computed(() =>
    this.checklist.hasValue()
      ? this.checklist.value().items.filter((item) => item.current && item.status === 'OPEN')
      : [],
  );

  protected readonly file = signal<File | null>(null);
  protected readonly linkedItemId = signal('');
  /** 0–100 while sending; null otherwise. */
  protected readonly progress = signal<number | null>(null);
  protected readonly uploadProblem = signal<ProblemMessage | null>(null);
  protected readonly done = signal<string | null>(null);
  protected readonly downloadProblem = signal<ProblemMessage | null>(null);

  private readonly injector = inject(Injector);
  private readonly sendButton = viewChild('sendButton', { read: ElementRef<HTMLButtonElement> });

  protected chooseFile(event: Event): void {
    const input = event.target as HTMLInputElement;
    this.file.set(input.files?.[0] ?? null);
    this.uploadProblem.set(null);
  }

  protected upload(form: HTMLFormElement): void {
    const file = this.file();
    if (file === null) {
      this.uploadProblem.set({
        key: 'dossier.documents.chooseFirst',
        detail: null,
        fieldErrors: [],
      });
      return;
    }
    // Refused here too, so that nobody waits for 20 MB to travel only to hear it is too large.
    if (file.size > DOCUMENT_UPLOAD_LIMIT_BYTES) {
      this.uploadProblem.set({ key: 'errors.tooLarge', detail: null, fieldErrors: [] });
      return;
    }
    const item = this.linkable().find((each) => each.id === this.linkedItemId()) ?? null;
    this.progress.set(0);
    this.uploadProblem.set(null);
    this.done.set(null);
    let uploadedDocument: DossierDocument | null = null;
    this.documentsApi
      .upload(this.startupId(), file)
      .pipe(
        concatMap((event) => {
          if (event.type === HttpEventType.UploadProgress) {
            this.progress.set(event.total ? Math.round((100 * event.loaded) / event.total) : 0);
            return EMPTY;
          }
          if (event.type !== HttpEventType.Response || event.body === null) return EMPTY;
          uploadedDocument = event.body;
          this.items.update((items) => [event.body as DossierDocument, ...items]);
          return item === null
            ? of(null)
            : this.dossierApi.updateChecklistItem(item, {
                status: 'SUBMITTED',
                documentId: event.body.id,
              });
        }),
      )
      .subscribe({
        next: (updatedItem) => {
          if (uploadedDocument === null) return;
          this.progress.set(null);
          this.done.set(uploadedDocument.fileName);
          this.file.set(null);
          this.linkedItemId.set('');
          form.reset();
          this.uploaded.emit({ document: uploadedDocument, item: updatedItem });
          this.giveFocusBackToSendButton();
        },
        error: (error: unknown) => {
          this.progress.set(null);
          this.uploadProblem.set(problemMessage(error));
          this.giveFocusBackToSendButton();
        },
      });
  }

  /**
   * The send button is disabled while the file travels, which drops the focus of whoever pressed
   * it to the top of the page; it gets it back once the button is enabled again.
   */
  private giveFocusBackToSendButton(): void {
    afterNextRender(
      () => {
        const active = document.activeElement;
        if (active === null || active === document.body) this.sendButton()?.nativeElement.focus();
      },
      { injector: this.injector },
    );
  }

  protected download(document: DossierDocument): void {
    this.downloadProblem.set(null);
    this.documentsApi.content(document.id).subscribe({
      next: (blob) => saveBlob(blob, document.fileName),
      error: (error: unknown) => this.downloadProblem.set(problemMessage(error)),
    });
  }

  protected kilobytes(size: number): number {
    return Math.max(1, Math.round(size / 1024));
  }

  protected reload(): void {
    this.documents.reload();
  }
}

/** Hands a fetched file to the browser as a download. */
export function saveBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.rel = 'noopener';
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
