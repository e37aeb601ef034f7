import { DecimalPipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, DestroyRef, computed, inject } from '@angular/core';
import { MatIconAnchor } from '@angular/material/button';
import { RouterLink } from '@angular/router';
import { TranslocoPipe, TranslocoService } from '@jsverse/transloco';
import { NotificationsCenter } from '@parcours/backoffice-data-access';

/**
 * The toolbar's way to the notifications: a bell with the unread count, named with it for screen
 * readers ("Notifications, 3 non lues"), since a badge alone is not read out.
 */
@Component({
  selector: 'app-notifications-bell',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [DecimalPipe, MatIconAnchor, RouterLink, TranslocoPipe],
  template: `
    @let count = unread();
    <a
      mat-icon-button
      class="bell"
      routerLink="/notifications"
      [attr.aria-label]="
        labelKey() | transloco: { count: (count ?? 0 | number: '1.0-0' : locale()) }
      "
    >
      <svg viewBox="0 0 24 24" width="24" height="24" aria-hidden="true" focusable="false">
        <path
          fill="currentColor"
          d="M12 22a2 2 0 0 0 2-2h-4a2 2 0 0 0 2 2zm6-6V11c0-3.07-1.64-5.64-4.5-6.32V4a1.5 1.5 0 0 0-3 0v.68C7.63 5.36 6 7.92 6 11v5l-2 2v1h16v-1l-2-2z"
        />
      </svg>
      @if (count !== null && count > 0) {
        <span class="bell__badge" aria-hidden="true">{{
          count > 99 ? '99+' : (count | number: '1.0-0' : locale())
        }}</span>
      }
    </a>
  `,
  styles: `
    .bell {
      position: relative;
    }
    .bell__badge {
      position: absolute;
      top: 2px;
      right: 0;
      min-width: 18px;
      padding: 0 5px;
      border-radius: 999px;
      background: var(--mat-sys-error);
      color: var(--mat-sys-on-error);
      font: var(--mat-sys-label-small);
      line-height: 18px;
      text-align: center;
    }
  `,
})
export class NotificationsBell {
  private readonly center = inject(NotificationsCenter);
  private readonly transloco = inject(TranslocoService);

  protected readonly unread = this.center.unread;
  protected readonly locale = computed(() => this.transloco.activeLang());
  protected readonly labelKey = computed(() => {
    const count = this.unread() ?? 0;
    if (count === 0) return 'notifications.bellNone';
    return new Intl.PluralRules(this.locale()).select(count) === 'one'
      ? 'notifications.bellOne'
      : 'notifications.bell';
  });

  constructor() {
    this.center.start();
    inject(DestroyRef).onDestroy(() => this.center.stop());
  }
}
