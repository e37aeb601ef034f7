import { DatePipe } from '@angular/common';
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
  viewChild,
} from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { FormsModule } from '@angular/forms';
import { MatButton } from '@angular/material/button';
import { MatFormField, MatHint, MatLabel } from '@angular/material/form-field';
import { MatInput } from '@angular/material/input';
import { TranslocoPipe, TranslocoService } from '@jsverse/transloco';
import {
  DossierApi,
  problemMessage,
  type ProblemMessage,
  type VersionedStartup,
} from '@parcours/backoffice-data-access';
import type { DossierAccess } from '../dossier-access';
import { changeFrom, draftOf, type ProfileDraft } from './profile-form';

/** The startup's profile; edited in place with the version read (If-Match). */
@Component({
  selector: 'bo-profile-panel',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    DatePipe,
    FormsModule,
    MatButton,
    MatFormField,
    MatHint,
    MatInput,
    MatLabel,
    TranslocoPipe,
  ],
  templateUrl: './profile-panel.html',
  styleUrls: ['../panel.scss', './profile-panel.scss'],
})
export class ProfilePanel {
  readonly versioned = input.required<VersionedStartup>();
  readonly access = input.required<Pick<DossierAccess, 'canEditProfile' | 'publicProfileOnly'>>();
  readonly saved = output<VersionedStartup>();
  /** The version shown is stale: the page reads the dossier again. */
  readonly reloadRequested = output<void>();

  private readonly api = inject(DossierApi);
  private readonly transloco = inject(TranslocoService);
  protected readonly language = toSignal(this.transloco.langChanges$, {
    initialValue: this.transloco.getActiveLang(),
  });

  protected readonly startup = computed(() => this.versioned().startup);
  protected readonly editing = signal(false);
  protected readonly saving = signal(false);
  protected readonly draft = signal<ProfileDraft | null>(null);
  protected readonly problem = signal<ProblemMessage | null>(null);
  protected readonly notice = signal<string | null>(null);
  // `read`: on a Material button the reference is the MatButton component, not its element.
  private readonly editButton = viewChild('editButton', { read: ElementRef<HTMLButtonElement> });
  private readonly firstField = viewChild<ElementRef<HTMLInputElement>>('firstField');

  protected startEditing(): void {
    this.draft.set(draftOf(this.startup()));
    this.problem.set(null);
    this.notice.set(null);
    this.editing.set(true);
    // Focus moves into the form it opened, for keyboard and screen reader users.
    setTimeout(() => this.firstField()?.nativeElement.focus());
  }

  protected cancel(): void {
    this.editing.set(false);
    this.problem.set(null);
    setTimeout(() => this.editButton()?.nativeElement.focus());
  }

  protected update(field: keyof ProfileDraft, value: string): void {
    this.draft.update((draft) => (draft ? { ...draft, [field]: value } : draft));
  }

  protected save(): void {
    const draft = this.draft();
    if (draft === null) return;
    const change = changeFrom(this.startup(), draft, this.access().publicProfileOnly);
    if (Object.keys(change).length === 0) {
      this.editing.set(false);
      this.notice.set('dossier.profile.nothingChanged');
      // The form closes with the button that had the focus: back to "Modifier", as on saving.
      setTimeout(() => this.editButton()?.nativeElement.focus());
      return;
    }
    this.saving.set(true);
    this.problem.set(null);
    this.api.updateStartup(this.startup().id, this.versioned().etag, change).subscribe({
      next: (versioned) => {
        this.saving.set(false);
        this.editing.set(false);
        this.notice.set('dossier.profile.saved');
        this.saved.emit(versioned);
        setTimeout(() => this.editButton()?.nativeElement.focus());
      },
      error: (error: unknown) => {
        this.saving.set(false);
        if (error instanceof HttpErrorResponse && error.status === 412) {
          // Someone saved the dossier after it was read: their version is loaded and the form
          // closed, rather than overwriting their change with this one.
          this.editing.set(false);
          this.problem.set({ key: 'dossier.profile.stale', detail: null, fieldErrors: [] });
          this.reloadRequested.emit();
          setTimeout(() => this.editButton()?.nativeElement.focus());
          return;
        }
        this.problem.set(problemMessage(error));
      },
    });
  }
}
