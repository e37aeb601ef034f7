import {
  ChangeDetectionStrategy,
  Component,
  ElementRef,
  InjectionToken,
  computed,
  effect,
  inject,
  input,
  output,
  signal,
} from '@angular/core';
import { FormsModule } from '@angular/forms';
import { MatButton } from '@angular/material/button';
import { MatCheckbox } from '@angular/material/checkbox';
import { MatFormField, MatHint, MatLabel } from '@angular/material/form-field';
import { MatInput } from '@angular/material/input';
import { TranslocoPipe } from '@jsverse/transloco';
import {
  MentoringApi,
  problemMessage,
  type ProblemMessage,
} from '@parcours/backoffice-data-access';
import {
  SESSION_FORMATS,
  type MenteeView,
  type MentoringSessionView,
  type SessionFormat,
} from '@parcours/contracts';
import {
  blankSession,
  draftProblems,
  sessionRequest,
  type DraftProblem,
  type SessionDraft,
} from './session-draft';

/** The mentor space's clock, replaceable in tests. */
export const MENTOR_CLOCK = new InjectionToken<() => Date>('MENTOR_CLOCK', {
  providedIn: 'root',
  factory: () => () => new Date(),
});

type TextField = 'heldAt' | 'durationMinutes' | 'topics' | 'notes' | 'privateNotes';

/**
 * Logging a session, made for the keyboard and for speed: the defaults (now, an hour, in person,
 * shared) fit most sessions, Enter in any field sends, "add an action item" puts the cursor in
 * the new item's title.
 */
@Component({
  selector: 'bo-session-form',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    FormsModule,
    MatButton,
    MatCheckbox,
    MatFormField,
    MatHint,
    MatInput,
    MatLabel,
    TranslocoPipe,
  ],
  templateUrl: './session-form.html',
  styleUrl: './session-form.scss',
})
export class SessionForm {
  readonly mentees = input.required<readonly MenteeView[]>();
  /** Set by "log a session" on a mentee: the form takes that startup. */
  readonly preselected = input<{ startupId: string } | null>(null);
  readonly logged = output<MentoringSessionView>();

  private readonly api = inject(MentoringApi);
  private readonly now = inject(MENTOR_CLOCK);
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);

  protected readonly formats = SESSION_FORMATS;
  protected readonly draft = signal<SessionDraft>(blankSession(this.now()));
  protected readonly problems = signal<DraftProblem[]>([]);
  protected readonly apiProblem = signal<ProblemMessage | null>(null);
  protected readonly sending = signal(false);
  protected readonly done = signal<{ name: string; count: number } | null>(null);
  private nextKey = 1;

  protected readonly invalidPaths = computed(
    () => new Set(this.problems().map((problem) => problem.path)),
  );

  constructor() {
    // With a single mentee there is nothing to choose.
    effect(() => {
      const mentees = this.mentees();
      if (mentees.length === 1 && this.draft().startupId === '') {
        this.draft.update((draft) => ({ ...draft, startupId: mentees[0].startupId }));
      }
    });
    effect(() => {
      const chosen = this.preselected();
      if (chosen === null) return;
      this.draft.update((draft) => ({ ...draft, startupId: chosen.startupId }));
      this.focus('session-held-at');
    });
  }

  protected setStartup(startupId: string): void {
    this.draft.update((draft) => ({ ...draft, startupId }));
  }

  protected setText(field: TextField, value: string): void {
    this.draft.update((draft) => ({ ...draft, [field]: value }));
  }

  protected setFormat(format: SessionFormat): void {
    this.draft.update((draft) => ({ ...draft, format }));
  }

  protected setShared(shared: boolean): void {
    this.draft.update((draft) => ({ ...draft, sharedWithFounders: shared }));
  }

  protected addActionItem(): void {
    const key = this.nextKey++;
    this.draft.update((draft) => ({
      ...draft,
      actionItems: [...draft.actionItems, { key, title: '', dueOn: '' }],
    }));
    this.focus(`action-title-${key}`);
  }

  protected setActionItem(key: number, field: 'title' | 'dueOn', value: string): void {
    this.draft.update((draft) => ({
      ...draft,
      actionItems: draft.actionItems.map((item) =>
        item.key === key ? { ...item, [field]: value } : item,
      ),
    }));
  }

  protected removeActionItem(key: number): void {
    this.draft.update((draft) => ({
      ...draft,
      actionItems: draft.actionItems.filter((item) => item.key !== key),
    }));
    this.focus('add-action-item');
  }

  protected submit(): void {
    const draft = this.draft();
    const problems = draftProblems(draft, this.now());
    this.problems.set(problems);
    this.apiProblem.set(null);
    this.done.set(null);
    if (problems.length > 0) {
      this.focus(this.fieldId(problems[0].path, draft));
      return;
    }
    this.sending.set(true);
    this.api.logSession(draft.startupId, sessionRequest(draft)).subscribe({
      next: (session) => {
        this.sending.set(false);
        const name =
          this.mentees().find((mentee) => mentee.startupId === session.startupId)?.name ?? '';
        this.done.set({ name, count: session.actionItems.length });
        // Ready for the next one: same startup, fresh time.
        this.draft.set(blankSession(this.now(), draft.startupId));
        this.logged.emit(session);
      },
      error: (error: unknown) => {
        this.sending.set(false);
        this.apiProblem.set(problemMessage(error));
      },
    });
  }

  protected actionTitleLabel(index: number): { number: number } {
    return { number: index + 1 };
  }

  /** The id of the input a problem's path points at. */
  private fieldId(path: string, draft: SessionDraft): string {
    const item = /^actionItems\.(\d+)\./.exec(path);
    if (item) return `action-title-${draft.actionItems[Number(item[1])]?.key ?? ''}`;
    return (
      {
        startupId: 'session-startup',
        heldAt: 'session-held-at',
        durationMinutes: 'session-duration',
      }[path] ?? 'session-startup'
    );
  }

  /** After the next render, when the element exists. */
  private focus(id: string): void {
    setTimeout(() => this.host.nativeElement.querySelector<HTMLElement>(`#${id}`)?.focus());
  }
}
