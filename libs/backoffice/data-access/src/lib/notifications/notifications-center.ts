import { DestroyRef, Injectable, inject, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { NotificationsApi } from './notifications-api';
import { Subscription, switchMap, timer } from 'rxjs';

/** How often the toolbar asks for the unread count; a mark-read refreshes it at once. */
export const UNREAD_POLL_INTERVAL_MS = 60_000;

/**
 * The unread count the toolbar shows, shared with the notifications page so that marking read
 * there updates the badge without waiting for the next poll. A failed poll keeps the last count:
 * the badge is a hint, not the place to report a connection problem.
 */
@Injectable({ providedIn: 'root' })
export class NotificationsCenter {
  private readonly api = inject(NotificationsApi);
  private readonly destroyRef = inject(DestroyRef);
  private readonly count = signal<number | null>(null);
  private polling: Subscription | null = null;

  readonly unread = this.count.asReadonly();

  /** Starts polling (idempotent); the shell calls it once signed in. */
  start(): void {
    if (this.polling) return;
    this.polling = timer(0, UNREAD_POLL_INTERVAL_MS)
      .pipe(
        switchMap(() => this.api.unreadCount()),
        takeUntilDestroyed(this.destroyRef),
      )
      .subscribe({ next: ({ unread }) => this.count.set(unread), error: () => undefined });
  }

  stop(): void {
    this.polling?.unsubscribe();
    this.polling = null;
    this.count.set(null);
  }

  refresh(): void {
    this.api
      .unreadCount()
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({ next: ({ unread }) => this.count.set(unread), error: () => undefined });
  }

  /** After marking read on the page: the badge follows without a request. */
  markedRead(count: number): void {
    this.count.update((unread) => (unread === null ? null : Math.max(0, unread - count)));
  }

  allRead(): void {
    this.count.set(0);
  }
}
