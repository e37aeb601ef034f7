import { HttpErrorResponse } from '@angular/common/http';
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
} from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { FormsModule } from '@angular/forms';
import { MatButton } from '@angular/material/button';
import { MatFormField, MatHint, MatLabel } from '@angular/material/form-field';
import { MatInput } from '@angular/material/input';
import { TranslocoPipe } from '@jsverse/transloco';
import {
  DossierApi,
  problemMessage,
  type ChecklistItem,
  type ProblemMessage,
} from '@parcours/backoffice-data-access';
import { EmptyState, LoadingState, ProblemState } from '@parcours/backoffice-ui';
import type { DossierAccess } from '../dossier-access';
import { TARGET_STATUS, checklistActions, type ChecklistAction } from './checklist-actions';

/** The items expected at the current stage: founders submit them, managers validate or waive. */
@Component({
  selector: 'bo-checklist-panel',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    FormsModule,
    MatButton,
    MatFormField,
    MatHint,
    MatInput,
    MatLabel,
    TranslocoPipe,
    EmptyState,
    LoadingState,
    ProblemState,
  ],
  templateUrl: './checklist-panel.html',
  styleUrls: ['../panel.scss', './checklist-panel.scss'],
})
export class ChecklistPanel {
  readonly startupId = input.required<string>();
  readonly access = input.required<Pick<DossierAccess, 'manages' | 'founds'>>();
  /** Heading level 2 on the dossier; the founder space words it as what is expected of them. */
  readonly headingKey = input('dossier.checklist.heading');
  /** Bumped when an item changed elsewhere on the page (an upload linked to it). */
  readonly refresh = input(0);
  /** An item changed: the page refreshes what depends on it (the timeline). */
  readonly changed = output<ChecklistItem>();

  private readonly api = inject(DossierApi);

  protected readonly checklist = rxResource({
    params: () => ({ id: this.startupId(), refresh: this.refresh() }),
    stream: ({ params }) => this.api.checklist(params.id),
  });
  protected readonly items = linkedSignal<ChecklistItem[]>(() =>
    this.checklist.hasValue() ? this.checklist.value().items : [],
  );
  protected readonly loadProblem = computed(() => {
    const error = this.checklist.error();
    return error ? problemMessage(error) : null;
  });

  /** The item whose waiver reason is being typed, and the reason so far. */
  protected readonly waiving = signal<string | null>(null);
  protected readonly waiverReason = signal('');
  protected readonly busy = signal<string | null>(null);
  protected readonly problems = signal<Readonly<Record<string, ProblemMessage>>>({});
  /** Announced politely once a change went through. */
  protected readonly announcement = signal<{ key: string; title: string } | null>(null);
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);
  private readonly injector = inject(Injector);

  protected actionsFor(item: ChecklistItem): ChecklistAction[] {
    return checklistActions(item, this.access());
  }

  protected act(item: ChecklistItem, action: ChecklistAction): void {
    if (action === 'waive') {
      this.waiving.set(item.id);
      this.waiverReason.set('');
      // The buttons make way for the reason's field: the focus goes into it.
      this.focusAfterRender(`#checklist-waiver-${item.id}`);
      return;
    }
    this.send(item, action, null);
  }

  protected confirmWaiver(item: ChecklistItem): void {
    const reason = this.waiverReason().trim();
    if (reason === '') {
      this.setProblem(item.id, {
        key: 'dossier.checklist.waiverReasonRequired',
        detail: null,
        fieldErrors: [],
      });
      return;
    }
    this.send(item, 'waive', reason);
  }

  protected cancelWaiver(): void {
    const itemId = this.waiving();
    this.waiving.set(null);
    if (itemId !== null) this.focusAfterRender(`#checklist-item-${itemId}`);
  }

  protected reload(): void {
    this.checklist.reload();
  }

  private send(item: ChecklistItem, action: ChecklistAction, note: string | null): void {
    this.busy.set(item.id);
    this.setProblem(item.id, null);
    this.announcement.set(null);
    this.api.updateChecklistItem(item, { status: TARGET_STATUS[action], note }).subscribe({
      next: (updated) => {
        this.items.update((items) =>
          items.map((each) => (each.id === updated.id ? updated : each)),
        );
        this.busy.set(null);
        this.waiving.set(null);
        this.announcement.set({ key: `dossier.checklist.done.${action}`, title: updated.title });
        this.changed.emit(updated);
        // The button pressed is gone or disabled with the item's new state: the focus stays on
        // the item rather than falling to the top of the page.
        this.focusAfterRender(`#checklist-item-${updated.id}`, true);
      },
      error: (error: unknown) => {
        this.busy.set(null);
        this.setProblem(item.id, problemMessage(error, { 412: 'dossier.checklist.stale' }));
        // Someone else changed the item: show its current state so the person can decide again.
        if (error instanceof HttpErrorResponse && error.status === 412) this.reload();
      },
    });
  }

  private setProblem(itemId: string, problem: ProblemMessage | null): void {
    this.problems.update((problems) => {
      const next = { ...problems };
      if (problem === null) delete next[itemId];
      else next[itemId] = problem;
      return next;
    });
  }

  /** Once the panel shows the change; `whenLost`: only if the focus fell to the page's body. */
  private focusAfterRender(selector: string, whenLost = false): void {
    afterNextRender(
      () => {
        const active = document.activeElement;
        if (whenLost && active !== null && active !== document.body) return;
        this.host.nativeElement.querySelector<HTMLElement>(selector)?.focus();
      },
      { injector: this.injector },
    );
  }
}
