import {
  ChangeDetectionStrategy,
  Component,
  ElementRef,
  Injector,
  afterNextRender,
  computed,
  inject,
  input,
  signal,
  viewChild,
} from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { FormsModule } from '@angular/forms';
import { MatButton } from '@angular/material/button';
import { MatFormField, MatHint, MatLabel } from '@angular/material/form-field';
import { MatInput } from '@angular/material/input';
import { TranslocoPipe } from '@jsverse/transloco';
import {
  ApplicationsApi,
  FounderApi,
  problemMessage,
  type ProblemMessage,
} from '@parcours/backoffice-data-access';
import { EMPTY } from 'rxjs';

/**
 * Applying to a programme: choose it, answer its questions, send. The committee reviews the
 * application; an acceptance opens the stage move.
 */
@Component({
  selector: 'bo-application-panel',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [FormsModule, MatButton, MatFormField, MatHint, MatInput, MatLabel, TranslocoPipe],
  templateUrl: './application-panel.html',
  styleUrl: './application-panel.scss',
})
export class ApplicationPanel {
  readonly startupId = input.required<string>();

  private readonly api = inject(FounderApi);
  private readonly applicationsApi = inject(ApplicationsApi);

  private readonly programmes = rxResource({ stream: () => this.api.programmes() });
  protected readonly programmeOptions = computed(() =>
    this.programmes.hasValue()
      ? [...this.programmes.value().items].sort((a, b) => a.name.localeCompare(b.name))
      : [],
  );
  protected readonly programmesProblem = computed(() => {
    const error = this.programmes.error();
    return error ? problemMessage(error) : null;
  });

  protected readonly programmeId = signal('');
  protected readonly form = rxResource({
    params: () => this.programmeId() || undefined,
    stream: ({ params }) => (params ? this.applicationsApi.form(params) : EMPTY),
  });
  protected readonly formProblem = computed(() => {
    const error = this.form.error();
    return error ? problemMessage(error) : null;
  });
  protected readonly answers = signal<Readonly<Record<string, string>>>({});
  protected readonly missing = signal<ReadonlySet<string>>(new Set());
  protected readonly sending = signal(false);
  protected readonly problem = signal<ProblemMessage | null>(null);
  protected readonly sent = signal<string | null>(null);

  private readonly injector = inject(Injector);
  private readonly problemElement = viewChild<ElementRef<HTMLElement>>('problemMessage');
  private readonly sentElement = viewChild<ElementRef<HTMLElement>>('sentMessage');

  protected choose(programmeId: string): void {
    this.programmeId.set(programmeId);
    this.answers.set({});
    this.missing.set(new Set());
    this.problem.set(null);
    this.sent.set(null);
  }

  protected setAnswer(key: string, value: string): void {
    this.answers.update((answers) => ({ ...answers, [key]: value }));
  }

  protected submit(): void {
    if (!this.form.hasValue()) return;
    const form = this.form.value();
    const answers: Record<string, string> = {};
    const missing = new Set<string>();
    for (const question of form.questions) {
      const answer = (this.answers()[question.key] ?? '').trim();
      if (answer !== '') answers[question.key] = answer;
      else if (question.required) missing.add(question.key);
    }
    this.missing.set(missing);
    this.sent.set(null);
    if (missing.size > 0) {
      this.problem.set({ key: 'founder.application.missing', detail: null, fieldErrors: [] });
      this.focusAfterRender(this.problemElement);
      return;
    }
    this.sending.set(true);
    this.problem.set(null);
    this.api.apply(form.programmeId, this.startupId(), answers).subscribe({
      next: () => {
        this.sending.set(false);
        this.sent.set(form.programmeName);
        this.programmeId.set('');
        this.answers.set({});
        this.focusAfterRender(this.sentElement);
      },
      error: (error: unknown) => {
        this.sending.set(false);
        this.problem.set(problemMessage(error));
        this.focusAfterRender(this.problemElement);
      },
    });
  }

  /**
   * The button that had the focus is disabled while sending, or gone with the questions once
   * sent: the focus goes to the sentence that says what happened instead of the page's top.
   */
  private focusAfterRender(target: () => ElementRef<HTMLElement> | undefined): void {
    afterNextRender(() => target()?.nativeElement.focus(), { injector: this.injector });
  }
}
