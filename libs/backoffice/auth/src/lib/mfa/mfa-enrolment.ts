import {
  ChangeDetectionStrategy,
  Component,
  OnInit,
  inject,
  input,
  output,
  signal,
} from '@angular/core';
import { FormControl, FormGroup, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButton } from '@angular/material/button';
import { MatError, MatFormField, MatHint, MatLabel } from '@angular/material/form-field';
import { MatInput } from '@angular/material/input';
import { TranslocoPipe } from '@jsverse/transloco';
import { AuthSession, ProblemMessage, problemMessage } from '@parcours/backoffice-data-access';
import type { MfaEnrolmentResponse } from '@parcours/contracts';
import { TOTP_CODE_PATTERN, normaliseTotpCode } from './second-factor';

/**
 * Enrolling an authenticator app: the QR code (and the secret, for typing by hand), then a first
 * code to prove the app is set up. Used by the forced enrolment of a sign-in (with its enrolment
 * token) and by the security page (with the session's token: `enrolmentToken` null).
 */
@Component({
  selector: 'bo-mfa-enrolment',
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
  ],
  template: `
    <div class="mfa__alert" role="alert" aria-atomic="true">
      @if (failure(); as problem) {
        <p class="mfa__alert-text">{{ problem.key | transloco }}</p>
      }
    </div>
    @if (enrolment(); as details) {
      <ol class="mfa__steps">
        <li>{{ 'mfa.enrolment.scan' | transloco }}</li>
        <li>{{ 'mfa.enrolment.type' | transloco }}</li>
      </ol>
      <img
        class="mfa__qr"
        [src]="details.qrCodeDataUrl"
        width="200"
        height="200"
        [alt]="'mfa.enrolment.qrAlt' | transloco"
      />
      <p class="mfa__secret">
        {{ 'mfa.enrolment.secret' | transloco }}
        <code data-testid="mfa-secret">{{ details.secret }}</code>
      </p>
      <form class="mfa__form" [formGroup]="form" (ngSubmit)="confirm()" novalidate>
        <mat-form-field appearance="outline">
          <mat-label>{{ 'mfa.code' | transloco }}</mat-label>
          <input
            matInput
            [formControl]="code"
            inputmode="numeric"
            autocomplete="one-time-code"
            maxlength="7"
            required
          />
          <mat-hint>{{ 'mfa.codeHint' | transloco }}</mat-hint>
          @if (code.invalid) {
            <mat-error>{{ 'mfa.codeInvalid' | transloco }}</mat-error>
          }
        </mat-form-field>
        <button mat-flat-button type="submit" [attr.aria-disabled]="submitting()">
          {{ 'mfa.enrolment.confirm' | transloco }}
        </button>
      </form>
    } @else if (!failure()) {
      <p role="status">{{ 'mfa.enrolment.loading' | transloco }}</p>
    }
  `,
  styleUrl: './mfa.scss',
})
export class MfaEnrolment implements OnInit {
  /** The enrolment token of a sign-in; null to enrol the signed-in person. */
  readonly enrolmentToken = input<string | null>(null);
  /** The recovery codes, once the first code was accepted (shown once). */
  readonly enrolled = output<string[]>();

  private readonly session = inject(AuthSession);
  protected readonly enrolment = signal<MfaEnrolmentResponse | null>(null);
  protected readonly failure = signal<ProblemMessage | null>(null);
  protected readonly submitting = signal(false);
  protected readonly code = new FormControl('', {
    nonNullable: true,
    validators: [Validators.required, Validators.pattern(TOTP_CODE_PATTERN)],
  });
  protected readonly form = new FormGroup({ code: this.code });

  async ngOnInit(): Promise<void> {
    try {
      this.enrolment.set(await this.session.startEnrolment(this.enrolmentToken()));
    } catch (error: unknown) {
      this.failure.set(problemMessage(error));
    }
  }

  protected async confirm(): Promise<void> {
    if (this.submitting()) return;
    if (this.code.invalid) {
      this.code.markAsTouched();
      return;
    }
    this.submitting.set(true);
    this.failure.set(null);
    try {
      const codes = await this.session.confirmEnrolment(
        this.enrolmentToken(),
        normaliseTotpCode(this.code.value),
      );
      this.enrolled.emit(codes);
    } catch (error: unknown) {
      this.failure.set(problemMessage(error, { 400: 'mfa.wrongCode', 401: 'mfa.stepExpired' }));
    } finally {
      this.submitting.set(false);
    }
  }
}
