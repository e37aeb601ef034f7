import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { MatButton } from '@angular/material/button';
import { TranslocoPipe } from '@jsverse/transloco';
import {
  API_BASE_URL,
  OperationsApi,
  ProblemMessage,
  QUEUE_DASHBOARD_PATH,
  problemMessage,
} from '@parcours/backoffice-data-access';
import { StateMessage } from '@parcours/backoffice-ui';
import type { FailedTransitionView, QueueCountsView } from '@parcours/contracts';
import { firstValueFrom } from 'rxjs';
import { QUEUE_STATES, queueRows } from './queue-rows';
import { AdminFeedback } from '../admin-feedback';

/**
 * Workflow health: transitions whose effects failed (retry once the cause is fixed, or abandon
 * with a reason), queue depths, and the link to the queue dashboard.
 */
@Component({
  selector: 'bo-workflow-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [FormsModule, MatButton, TranslocoPipe, StateMessage, AdminFeedback],
  templateUrl: './workflow-page.html',
  styleUrl: '../admin-page.scss',
})
export class WorkflowPage {
  private readonly api = inject(OperationsApi);
  private readonly apiBaseUrl = inject(API_BASE_URL);
  protected readonly states = QUEUE_STATES;
  protected readonly failed = signal<FailedTransitionView[]>([]);
  protected readonly queues = signal<ReturnType<typeof queueRows>>([]);
  protected readonly loading = signal(true);
  protected readonly loadFailure = signal<ProblemMessage | null>(null);
  protected readonly actionFailure = signal<ProblemMessage | null>(null);
  protected readonly notice = signal<string | null>(null);
  protected readonly abandoning = signal<string | null>(null);
  protected readonly reason = signal('');
  protected readonly busy = signal(false);

  constructor() {
    void this.load();
  }

  protected async load(): Promise<void> {
    this.loading.set(true);
    this.loadFailure.set(null);
    try {
      const [failed, queues]: [{ items: FailedTransitionView[] }, QueueCountsView] =
        await Promise.all([
          firstValueFrom(this.api.failedSteps()),
          firstValueFrom(this.api.queues()),
        ]);
      this.failed.set(failed.items);
      this.queues.set(queueRows(queues));
    } catch (error: unknown) {
      this.loadFailure.set(problemMessage(error));
    } finally {
      this.loading.set(false);
    }
  }

  protected retry(item: FailedTransitionView): Promise<void> {
    return this.act(
      () => firstValueFrom(this.api.retry(item.transitionId)),
      'admin.workflow.retried',
    );
  }

  protected startAbandon(item: FailedTransitionView): void {
    this.abandoning.set(item.transitionId);
    this.reason.set('');
  }

  protected async abandon(item: FailedTransitionView): Promise<void> {
    const reason = this.reason().trim();
    if (reason === '') {
      this.actionFailure.set({
        key: 'admin.workflow.reasonRequired',
        detail: null,
        fieldErrors: [],
      });
      return;
    }
    await this.act(
      () => firstValueFrom(this.api.abandon(item.transitionId, reason)),
      'admin.workflow.abandoned',
    );
    this.abandoning.set(null);
  }

  /** The dashboard cannot read our bearer token: a cookie is set for it first. */
  protected async openDashboard(): Promise<void> {
    try {
      await firstValueFrom(this.api.openDashboardSession());
      const origin = this.apiBaseUrl.replace(/\/api\/v1\/?$/, '');
      window.open(`${origin}${QUEUE_DASHBOARD_PATH}`, '_blank', 'noopener');
    } catch (error: unknown) {
      this.actionFailure.set(problemMessage(error));
    }
  }

  private async act(action: () => Promise<unknown>, noticeKey: string): Promise<void> {
    if (this.busy()) return;
    this.busy.set(true);
    this.actionFailure.set(null);
    this.notice.set(null);
    try {
      await action();
      this.notice.set(noticeKey);
      await this.load();
    } catch (error: unknown) {
      this.actionFailure.set(problemMessage(error));
    } finally {
      this.busy.set(false);
    }
  }
}
