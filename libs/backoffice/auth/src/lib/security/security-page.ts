import { ChangeDetectionStrategy, Component, OnInit, inject, signal } from '@angular/core';
import { MatButton } from '@angular/material/button';
import { TranslocoPipe } from '@jsverse/transloco';
import { AuthSession } from '@parcours/backoffice-data-access';
import { MfaEnrolment } from '../mfa/mfa-enrolment';
import { RecoveryCodes } from '../mfa/recovery-codes';

/**
 * "Security" in the signed-in shell: whether two-step verification is on, how many recovery
 * codes are left, and a voluntary enrolment for those whose roles do not require it.
 */
@Component({
  selector: 'bo-security-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [MatButton, TranslocoPipe, MfaEnrolment, RecoveryCodes],
  template: `
    <h1 class="security__heading">{{ 'security.heading' | transloco }}</h1>
    <section class="security__panel" aria-labelledby="security-mfa-heading">
      <h2 id="security-mfa-heading" class="security__subheading">
        {{ 'security.mfa' | transloco }}
      </h2>
      @if (security(); as state) {
        <p role="status" data-testid="mfa-state">
          {{ (state.mfaEnabled ? 'security.enabled' : 'security.disabled') | transloco }}
        </p>
        @if (state.mfaEnabled) {
          <p data-testid="recovery-codes-left">
            {{ 'security.codesLeft' | transloco: { count: state.recoveryCodesRemaining } }}
          </p>
          @if (state.recoveryCodesRemaining < 3) {
            <p class="security__warning">{{ 'security.fewCodes' | transloco }}</p>
          }
        } @else {
          <p>
            {{ (state.mfaRequired ? 'security.required' : 'security.optional') | transloco }}
          </p>
        }
      } @else {
        <p role="status">{{ 'security.loading' | transloco }}</p>
      }

      @if (codes(); as shown) {
        <bo-recovery-codes [codes]="shown" (done)="codes.set(null)" />
      } @else if (enrolling()) {
        <bo-mfa-enrolment (enrolled)="finishEnrolment($event)" />
      } @else if (security()?.mfaEnabled === false) {
        <button mat-flat-button type="button" (click)="enrolling.set(true)">
          {{ 'security.enable' | transloco }}
        </button>
      }
    </section>
  `,
  styles: `
    :host {
      display: block;
      padding: 24px;
      max-width: 720px;
    }
    .security__heading {
      margin: 0 0 16px;
      font: var(--mat-sys-headline-small);
    }
    .security__subheading {
      margin: 0 0 8px;
      font: var(--mat-sys-title-medium);
    }
    .security__panel {
      padding: 24px;
      border-radius: var(--mat-sys-corner-large, 16px);
      background: var(--mat-sys-surface);
      box-shadow: var(--mat-sys-level1);
    }
    .security__warning {
      color: var(--mat-sys-on-error-container);
      background: var(--mat-sys-error-container);
      padding: 8px 12px;
      border-radius: 8px;
    }
  `,
})
export class SecurityPage implements OnInit {
  private readonly session = inject(AuthSession);
  protected readonly security = this.session.security;
  protected readonly enrolling = signal(false);
  protected readonly codes = signal<string[] | null>(null);

  ngOnInit(): void {
    // The count of recovery codes moves with each one used: read it afresh.
    void this.session.refreshProfile();
  }

  protected finishEnrolment(codes: string[]): void {
    this.enrolling.set(false);
    this.codes.set(codes);
  }
}
