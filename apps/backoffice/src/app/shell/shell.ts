import { BreakpointObserver } from '@angular/cdk/layout';
import {
  ChangeDetectionStrategy,
  Component,
  ElementRef,
  computed,
  effect,
  inject,
  linkedSignal,
  untracked,
  viewChild,
} from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { MatButton, MatIconButton } from '@angular/material/button';
import { MatListItem, MatNavList } from '@angular/material/list';
import { MatMenu, MatMenuItem, MatMenuTrigger } from '@angular/material/menu';
import { MatSidenav, MatSidenavContainer, MatSidenavContent } from '@angular/material/sidenav';
import { MatToolbar } from '@angular/material/toolbar';
import { Router, RouterLink, RouterLinkActive, RouterOutlet } from '@angular/router';
import { TranslocoPipe } from '@jsverse/transloco';
import { SIGN_IN_PATH } from '@parcours/backoffice-auth';
import {
  APP_LANGUAGES,
  AuthSession,
  LanguagePreference,
  isAppLanguage,
} from '@parcours/backoffice-data-access';
import { LanguageSwitch } from '@parcours/backoffice-ui';
import { map } from 'rxjs';
import { navigationFor } from '../navigation/navigation';
import { NotificationsBell } from './notifications-bell';

/** Below this width (tablets in portrait) the navigation slides over the content on demand. */
const WIDE_SCREEN_QUERY = '(min-width: 960px)';

@Component({
  selector: 'app-shell',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    RouterOutlet,
    RouterLink,
    RouterLinkActive,
    MatToolbar,
    MatButton,
    MatIconButton,
    MatMenu,
    MatMenuItem,
    MatMenuTrigger,
    MatSidenav,
    MatSidenavContainer,
    MatSidenavContent,
    MatNavList,
    MatListItem,
    TranslocoPipe,
    LanguageSwitch,
    NotificationsBell,
  ],
  templateUrl: './shell.html',
  styleUrl: './shell.scss',
})
export class Shell {
  private readonly session = inject(AuthSession);
  private readonly router = inject(Router);
  private readonly languagePreference = inject(LanguagePreference);
  private readonly mainContent = viewChild.required<ElementRef<HTMLElement>>('mainContent');

  protected readonly user = this.session.user;
  protected readonly navigation = computed(() => navigationFor(this.session.roles()));
  protected readonly languages = APP_LANGUAGES;
  protected readonly language = this.languagePreference.language;
  protected readonly wideScreen = toSignal(
    inject(BreakpointObserver)
      .observe(WIDE_SCREEN_QUERY)
      .pipe(map((state) => state.matches)),
    { initialValue: true },
  );
  /** Open beside the content on wide screens; closed until asked for on narrow ones. */
  protected readonly navigationOpen = linkedSignal(() => this.wideScreen());

  constructor() {
    // The language saved on the account wins at sign-in (and when it is first known).
    effect(() => {
      const saved = this.session.locale();
      if (saved === null || !isAppLanguage(saved)) return;
      untracked(() => {
        if (saved !== this.languagePreference.language()) {
          void this.languagePreference.switchTo(saved);
        }
      });
    });
    // The session can end under our feet (an expired token answered 401): leave for the sign-in
    // page, and come back here afterwards unless the person signed out on purpose.
    effect(() => {
      if (this.session.isSignedIn()) return;
      untracked(() => {
        const expired = this.session.signOutReason() === 'expired';
        const queryParams = expired ? { returnUrl: this.router.url } : {};
        void this.router.navigate(['/', SIGN_IN_PATH], { queryParams });
      });
    });
  }

  protected skipToMainContent(event: Event): void {
    // A plain #fragment link would be resolved against <base href> and reload the app.
    event.preventDefault();
    this.mainContent().nativeElement.focus();
  }

  protected toggleNavigation(): void {
    this.navigationOpen.update((open) => !open);
  }

  protected closeNavigationOnNarrowScreens(): void {
    if (!this.wideScreen()) this.navigationOpen.set(false);
  }

  protected switchLanguage(language: string): void {
    if (!isAppLanguage(language)) return;
    void this.languagePreference.switchTo(language);
    // Remembered on the account too: e-mails and the next sign-in, on any computer, follow it.
    this.session.saveLocale(language);
  }

  protected signOut(): void {
    this.session.signOut();
  }
}
