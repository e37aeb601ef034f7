import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import {
  AbstractControl,
  FormControl,
  FormGroup,
  ReactiveFormsModule,
  ValidationErrors,
  Validators,
} from '@angular/forms';
import { MatButton } from '@angular/material/button';
import { MatError, MatFormField, MatHint, MatLabel } from '@angular/material/form-field';
import { MatInput } from '@angular/material/input';
import { ActivatedRoute, RouterLink } from '@angular/router';
import { TranslocoPipe } from '@jsverse/transloco';
import {
  APP_LANGUAGES,
  InvitationsApi,
  LanguagePreference,
  ProblemMessage,
  isAppLanguage,
  problemMessage,
} from '@parcours/backoffice-data-access';
import { LanguageSwitch } from '@parcours/backoffice-ui';
import { firstValueFrom } from 'rxjs';
import { SIGN_IN_PATH } from '../sign-in-path';
import { invitationTokenFrom } from './invitation-token';

/** The API's password rule (NIST SP 800-63B): 12 characters at least; it checks the rest. */
export const MIN_PASSWORD_LENGTH = 12;

const sameAsPassword = (group: AbstractControl): ValidationErrors | null =>
  group.get('password')?.value === group.get('confirmation')?.value ? null : { mismatch: true };

/** Choosing a password through an invitation link, outside the signed-in shell. */
@Component({
  selector: 'bo-accept-invitation-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    ReactiveFormsModule,
    RouterLink,
    MatFormField,
    MatLabel,
    MatHint,
    MatError,
    MatInput,
    MatButton,
    TranslocoPipe,
    LanguageSwitch,
  ],
  templateUrl: './accept-invitation-page.html',
  styleUrl: '../sign-in/sign-in-page.scss',
})
export class AcceptInvitationPage {
  private readonly invitations = inject(InvitationsApi);
  private readonly languagePreference = inject(LanguagePreference);
  protected readonly signInPath = `/${SIGN_IN_PATH}`;
  protected readonly token = invitationTokenFrom(inject(ActivatedRoute).snapshot.fragment);
  protected readonly minLength = MIN_PASSWORD_LENGTH;
  protected readonly form = new FormGroup(
    {
      password: new FormControl('', {
        nonNullable: true,
        validators: [Validators.required, Validators.minLength(MIN_PASSWORD_LENGTH)],
      }),
      confirmation: new FormControl('', { nonNullable: true, validators: [Validators.required] }),
    },
    { validators: sameAsPassword },
  );
  protected readonly submitting = signal(false);
  protected readonly failure = signal<ProblemMessage | null>(null);
  protected readonly acceptedEmail = signal<string | null>(null);
  protected readonly languages = APP_LANGUAGES;
  protected readonly language = this.languagePreference.language;

  protected async accept(): Promise<void> {
    if (this.submitting() || this.token === null) return;
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      this.failure.set({
        key: this.form.hasError('mismatch') ? 'invitation.mismatch' : 'errors.invalidInput',
        detail: null,
        fieldErrors: [],
      });
      return;
    }
    this.failure.set(null);
    this.submitting.set(true);
    try {
      const accepted = await firstValueFrom(
        this.invitations.accept(this.token, this.form.controls.password.value),
      );
      this.acceptedEmail.set(accepted.email);
    } catch (error: unknown) {
      this.failure.set(problemMessage(error));
    } finally {
      this.submitting.set(false);
    }
  }

  protected switchLanguage(language: string): void {
    if (isAppLanguage(language)) void this.languagePreference.switchTo(language);
  }
}
