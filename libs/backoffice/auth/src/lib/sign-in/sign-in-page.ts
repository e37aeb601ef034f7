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
import { MfaEnrolment } from '../mfa/mfa-enrolment';
import { RecoveryCodes } from '../mfa/recovery-codes';
import {
  TOTP_CODE_PATTERN,
  isPlausibleRecoveryCode,
  normaliseTotpCode,
} from '../mfa/second-factor';
import { safeReturnUrl } from '../return-url';

/** The steps of a sign-in: the password, then a code, or the enrolment its roles require. */
type SignInStepView =
  | { kind: 'password' }
  | { kind: 'second-factor'; mfaToken: string }
  | { kind: 'enrolment'; enrolmentToken: string }
  | { kind: 'recovery-codes'; codes: string[] };

/** On this form a 401 means wrong credentials, not an expired session. */
const SIGN_IN_PROBLEM_KEYS = {
  401: 'signIn.errors.invalidCredentials',
  429: 'signIn.errors.rateLimited',
};

/** On the code step a 401 means a wrong or spent code, or a step that took too long. */
const CODE_PROBLEM_KEYS = {
  400: 'mfa.codeInvalid',
  401: 'mfa.wrongCode',
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
    MfaEnrolment,
    RecoveryCodes,
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
  protected readonly step = signal<SignInStepView>({ kind: 'password' });
  protected readonly useRecoveryCode = signal(false);
  protected readonly secondFactor = new FormControl('', {
    nonNullable: true,
    validators: [Validators.required],
  });
  protected readonly secondFactorForm = new FormGroup({ code: this.secondFactor });
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
      const next = await this.session.beginSignIn(this.form.getRawValue());
      if (next.kind === 'signed-in') await this.enter();
      else this.step.set(next);
    } catch (error: unknown) {
      this.failure.set(problemMessage(error, SIGN_IN_PROBLEM_KEYS));
    } finally {
      this.submitting.set(false);
    }
  }

  protected async verifySecondFactor(mfaToken: string): Promise<void> {
    if (this.submitting()) return;
    const typed = this.secondFactor.value;
    const plausible = this.useRecoveryCode()
      ? isPlausibleRecoveryCode(typed)
      : TOTP_CODE_PATTERN.test(typed);
    if (!plausible) {
      this.secondFactor.markAsTouched();
      this.failure.set({ key: 'mfa.codeInvalid', detail: null, fieldErrors: [] });
      return;
    }
    this.failure.set(null);
    this.submitting.set(true);
    try {
      await this.session.completeSecondFactor(
        mfaToken,
        this.useRecoveryCode()
          ? { recoveryCode: typed.trim() }
          : { code: normaliseTotpCode(typed) },
      );
      await this.enter();
    } catch (error: unknown) {
      this.failure.set(problemMessage(error, CODE_PROBLEM_KEYS));
    } finally {
      this.submitting.set(false);
    }
  }

  protected toggleRecoveryCode(): void {
    this.useRecoveryCode.update((recovery) => !recovery);
    this.secondFactor.reset('');
    this.failure.set(null);
  }

  protected showRecoveryCodes(codes: string[]): void {
    this.step.set({ kind: 'recovery-codes', codes });
  }

  protected startOver(): void {
    this.step.set({ kind: 'password' });
    this.secondFactor.reset('');
    this.failure.set(null);
  }

  protected async enter(): Promise<void> {
    await this.router.navigateByUrl(safeReturnUrl(this.returnUrl()));
  }

  protected switchLanguage(language: string): void {
    if (isAppLanguage(language)) void this.languagePreference.switchTo(language);
  }

  private focusFirstInvalidField(): void {
    const target = this.form.controls.email.invalid ? this.emailInput() : this.passwordInput();
    target.nativeElement.focus();
  }
}
