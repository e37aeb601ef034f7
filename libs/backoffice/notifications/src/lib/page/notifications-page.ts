import { DatePipe } from '@angular/common';
import {
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  ElementRef,
  Injector,
  afterNextRender,
  computed,
  inject,
  linkedSignal,
  signal,
  viewChild,
} from '@angular/core';
import { rxResource, takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { MatButton } from '@angular/material/button';
import { MatSlideToggle } from '@angular/material/slide-toggle';
import { RouterLink } from '@angular/router';
import { TranslocoPipe, TranslocoService } from '@jsverse/transloco';
import {
  NotificationsApi,
  NotificationsCenter,
  ProblemMessage,
  isAppLanguage,
  problemMessage,
} from '@parcours/backoffice-data-access';
import { EmptyState, LoadingState, ProblemState } from '@parcours/backoffice-ui';
import type { Locale, NotificationPage, NotificationView } from '@parcours/contracts';

const PAGE_SIZE = 20;

/** The person's notifications, newest first, in the interface language; mark one or all read. */
@Component({
  selector: 'bo-notifications-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    DatePipe,
    RouterLink,
    MatButton,
    MatSlideToggle,
    TranslocoPipe,
    EmptyState,
    LoadingState,
    ProblemState,
  ],
  templateUrl: './notifications-page.html',
  styleUrl: './notifications-page.scss',
})
export class NotificationsPage {
  private readonly api = inject(NotificationsApi);
  private readonly center = inject(NotificationsCenter);
  private readonly destroyRef = inject(DestroyRef);
  private readonly injector = inject(Injector);
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);
  private readonly announcementElement = viewChild<ElementRef<HTMLElement>>('announcementMessage');
  private readonly transloco = inject(TranslocoService);

  protected readonly locale = computed(() => this.transloco.activeLang());
  private readonly lang = computed<Locale | null>(() => {
    const language = this.locale();
    return isAppLanguage(language) ? language : null;
  });
  protected readonly unreadOnly = signal(false);
  private readonly query = computed(() => ({
    unread: this.unreadOnly() ? true : null,
    limit: PAGE_SIZE,
    lang: this.lang(),
  }));
  protected readonly firstPage = rxResource({
    params: () => this.query(),
    stream: ({ params }) => this.api.list(params),
  });
  private readonly laterPages = linkedSignal<unknown, NotificationPage[]>({
    source: this.query,
    computation: () => [],
  });
  /** Read marks made on this page, shown at once. */
  private readonly readHere = linkedSignal<unknown, ReadonlyMap<string, string>>({
    source: this.query,
    computation: () => new Map(),
  });
  protected readonly notifications = computed<NotificationView[]>(() => {
    if (!this.firstPage.hasValue()) return [];
    const read = this.readHere();
    return [this.firstPage.value(), ...this.laterPages()]
      .flatMap((page) => page.items)
      .map((item) => (read.has(item.id) ? { ...item, readAt: read.get(item.id) ?? null } : item));
  });
  protected readonly nextCursor = computed(() => {
    if (!this.firstPage.hasValue()) return null;
    return (this.laterPages().at(-1) ?? this.firstPage.value()).nextCursor;
  });
  protected readonly hasUnread = computed(() => this.notifications().some((n) => !n.readAt));
  protected readonly problem = computed(() => {
    const error = this.firstPage.error();
    return error ? problemMessage(error) : null;
  });
  protected readonly actionProblem = signal<ProblemMessage | null>(null);
  protected readonly announcement = signal<string | null>(null);
  protected readonly loadingMore = signal(false);

  protected markRead(notification: NotificationView): void {
    this.actionProblem.set(null);
    this.api
      .markRead(notification.id, this.lang())
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: (read) => {
          this.readHere.update((marks) =>
            new Map(marks).set(read.id, read.readAt ?? new Date().toISOString()),
          );
          this.center.markedRead(1);
          this.announcement.set('notifications.markedOne');
          // Its button is gone: the focus goes to the notification's title, or to the sentence
          // when the list of unread ones no longer shows it.
          afterNextRender(
            () => {
              const title = this.host.nativeElement.querySelector<HTMLElement>(
                `[id="notification-${read.id}"]`,
              );
              (title ?? this.announcementElement()?.nativeElement)?.focus();
            },
            { injector: this.injector },
          );
        },
        error: (error: unknown) => this.actionProblem.set(problemMessage(error)),
      });
  }

  protected markAllRead(): void {
    this.actionProblem.set(null);
    this.api
      .markAllRead()
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: () => {
          const now = new Date().toISOString();
          this.readHere.update((marks) => {
            const next = new Map(marks);
            for (const item of this.notifications()) if (!item.readAt) next.set(item.id, now);
            return next;
          });
          this.center.allRead();
          this.announcement.set('notifications.markedAll');
          // Nothing is left unread, so the button is disabled and has dropped the focus: it goes
          // to the sentence saying so.
          afterNextRender(() => this.announcementElement()?.nativeElement.focus(), {
            injector: this.injector,
          });
        },
        error: (error: unknown) => this.actionProblem.set(problemMessage(error)),
      });
  }

  protected loadMore(): void {
    const cursor = this.nextCursor();
    if (cursor === null || this.loadingMore()) return;
    this.loadingMore.set(true);
    this.api
      .list({ ...this.query(), cursor })
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: (page) => this.laterPages.update((pages) => [...pages, page]),
        error: (error: unknown) => {
          this.actionProblem.set(problemMessage(error));
          this.loadingMore.set(false);
        },
        complete: () => this.loadingMore.set(false),
      });
  }
}
