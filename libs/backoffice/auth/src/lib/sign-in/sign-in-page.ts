import {
  ChangeDetectionStrategy,
  Component,
  ElementRef,
  computed,
  inject,
  input,
  signal,
  viewChild,
} from '@angular/core';
import { FormControl, FormGroup, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButton } from '@angular/material/button';
import { MatError, MatFormField, MatHint, MatLabel } from '@angular/material/form-field';
import { MatInput } from '@angular/material/input';
import { Router } from '@angular/router';
import { TranslocoPipe } from '@jsverse/transloco';
import {
  APP_LANGUAGES,
  AuthSession,
  LanguagePreference,
  ProblemMessage,
  isAppLanguage,
  problemMessage,
} from '@parcours/backoffice-data-access';
import { LanguageSwitch } from '@parcours/backoffice-ui';
import { safeReturnUrl } from '../return-url';

/** On this form a 401 means wrong credentials, not an expired session. */
const SIGN_IN_PROBLEM_KEYS = {
  401: 'signIn.errors.invalidCredentials',
  429: 'signIn.errors.rateLimited',
};

@Component({
  selector: 'bo-sign-in-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    ReactiveFormsModule,
    MatFormField,
    MatLabel,
    MatHint,
    MatError,
    MatInput,
    MatButton,
    TranslocoPipe,
    LanguageSwitch,
  ],
  templateUrl: './sign-in-page.html',
  styleUrl: './sign-in-page.scss',
})
export class SignInPage {
  /** Bound from the `returnUrl` query parameter that the guard set. */
  readonly returnUrl = input<string | undefined>();

  private readonly session = inject(AuthSession);
  private readonly router = inject(Router);
  private readonly languagePreference = inject(LanguagePreference);
  private readonly emailInput = viewChild.required<ElementRef<HTMLInputElement>>('emailInput');
  private readonly passwordInput =
    viewChild.required<ElementRef<HTMLInputElement>>('passwordInput');

  protected readonly form = new FormGroup({
    email: new FormControl('', {
      nonNullable: true,
      validators: [Validators.required, Validators.email],
    }),
    password: new FormControl('', { nonNullable: true, validators: [Validators.required] }),
  });
  protected readonly submitting = signal(false);
  protected readonly failure = signal<ProblemMessage | null>(null);
  protected readonly noticeKey = computed(() => {
    switch (this.session.signOutReason()) {
      case 'expired':
        return 'signIn.sessionExpired';
      case 'signed-out':
        return 'signIn.signedOut';
      default:
        return null;
    }
  });
  protected readonly languages = APP_LANGUAGES;
  protected readonly language = this.languagePreference.language;

  protected async signIn(): Promise<void> {
    if (this.submitting()) return;
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      this.focusFirstInvalidField();
      return;
    }
    this.failure.set(null);
    this.submitting.set(true);
    try {
      await this.session.signIn(this.form.getRawValue());
      await this.router.navigateByUrl(safeReturnUrl(this.returnUrl()));
    } catch (error: unknown) {
      this.failure.set(problemMessage(error, SIGN_IN_PROBLEM_KEYS));
    } finally {
      this.submitting.set(false);
    }
  }

  protected switchLanguage(language: string): void {
    if (isAppLanguage(language)) void this.languagePreference.switchTo(language);
  }

  private focusFirstInvalidField(): void {
    const target = this.form.controls.email.invalid ? this.emailInput() : this.passwordInput();
    target.nativeElement.focus();
  }
}
