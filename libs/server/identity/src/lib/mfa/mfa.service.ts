import { Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import {
  AUDIT_ACTIONS,
  MFA_REQUIRED_ROLES,
  type MfaChallengeResponse,
  type MfaConfirmationResponse,
  type MfaEnrolmentRequiredResponse,
  type MfaEnrolmentResponse,
  type SessionResponse,
} from '@parcours/contracts';
import { AuditService } from '@parcours/server-audit';
import { AppConfig } from '@parcours/server-config';
import { conflictProblem, unauthorizedProblem, validationProblem } from '@parcours/server-http';
import { toDataURL } from 'qrcode';
import { DataSource } from 'typeorm';
import type { Actor } from '../actor';
import { ActorLoader } from '../actor-loader';
import { IdentityAudit } from '../audit/identity-audit';
import { LoginThrottle } from '../login-throttle';
import { SessionService } from '../sessions/session.service';
import { SecretBox } from '../tokens/secret-box';
import {
  MFA_ENROLMENT_TOKEN_TTL_SECONDS,
  MFA_TOKEN_TTL_SECONDS,
  readClaims,
  type MfaEnrolmentTokenClaims,
  type MfaTokenClaims,
} from '../tokens/token-claims';
import { UsersRepository } from '../users.repository';
import { MfaRepository } from './mfa.repository';
import { newRecoveryCodes, recoveryCodeHash } from './recovery-codes';
import { newTotpSecret, totpUri, verifyTotp } from './totp';

/** Same message for a wrong code and a spent recovery code. */
export const INVALID_SECOND_FACTOR = 'Invalid verification code';
export const MFA_STEP_EXPIRED = 'The sign-in step has expired; sign in again';

export interface SecondFactor {
  code?: string;
  recoveryCode?: string;
}

/** The TOTP secret is bound to its account: a sealed secret copied to another row is useless. */
const boxContext = (userId: string) => `mfa-secret:${userId}`;

/**
 * Multi-factor sign-in with TOTP (RFC 6238) and single-use recovery codes: enrolment and its
 * confirmation, the second step of a sign-in, and the rule of who must use it.
 */
@Injectable()
export class MfaService {
  private readonly box: SecretBox;

  constructor(
    private readonly dataSource: DataSource,
    private readonly jwt: JwtService,
    private readonly mfa: MfaRepository,
    private readonly users: UsersRepository,
    private readonly actors: ActorLoader,
    private readonly sessions: SessionService,
    private readonly throttle: LoginThrottle,
    private readonly audit: IdentityAudit,
    private readonly auditTrail: AuditService,
    private readonly config: AppConfig,
  ) {
    this.box = new SecretBox(config.mfaEncryptionKey);
  }

  /** Admins and managers outside demo mode (and when the setting is not turned off). */
  mustUseMfa(actor: Pick<Actor, 'roles'>): boolean {
    return (
      this.config.mfaRequiredForStaff &&
      actor.roles.some((role) => MFA_REQUIRED_ROLES.includes(role))
    );
  }

  async challenge(userId: string): Promise<MfaChallengeResponse> {
    const claims: MfaTokenClaims = { sub: userId, typ: 'mfa' };
    return {
      mfaRequired: true,
      mfaToken: await this.jwt.signAsync(claims, { expiresIn: MFA_TOKEN_TTL_SECONDS }),
      expiresIn: MFA_TOKEN_TTL_SECONDS,
    };
  }

  async enrolmentRequired(userId: string): Promise<MfaEnrolmentRequiredResponse> {
    const claims: MfaEnrolmentTokenClaims = { sub: userId, typ: 'mfa-enrolment' };
    return {
      mfaEnrolmentRequired: true,
      mfaEnrolmentToken: await this.jwt.signAsync(claims, {
        expiresIn: MFA_ENROLMENT_TOKEN_TTL_SECONDS,
      }),
      expiresIn: MFA_ENROLMENT_TOKEN_TTL_SECONDS,
    };
  }

  async isEnabled(userId: string): Promise<boolean> {
    const state = await this.mfa.stateOf(userId);
    return state?.enabledAt != null;
  }

  /** Recovery codes not used yet (what the security page shows). */
  recoveryCodesLeft(userId: string): Promise<number> {
    return this.mfa.unusedRecoveryCodes(userId);
  }

  /** A new secret, pending until confirmed; enrolling again before confirming replaces it. */
  async enrol(actor: Actor): Promise<MfaEnrolmentResponse> {
    const secret = newTotpSecret();
    const stored = await this.mfa.storePendingSecret(
      actor.id,
      this.box.seal(secret, boxContext(actor.id)),
    );
    if (!stored) throw conflictProblem('Multi-factor sign-in is already enabled for this account');
    const otpauthUri = totpUri(secret, actor.email);
    return {
      secret,
      otpauthUri,
      qrCodeDataUrl: await toDataURL(otpauthUri, { margin: 2, width: 240 }),
    };
  }

  /**
   * Turns MFA on once the first code proves the authenticator holds the secret, and hands out
   * the recovery codes (shown once). With an enrolment token, the answer opens the session that
   * the sign-in had to postpone.
   */
  async confirm(
    actor: Actor,
    code: string,
    context: { address: string; userAgent: string | null },
  ): Promise<MfaConfirmationResponse> {
    const state = await this.mfa.stateOf(actor.id);
    if (!state) throw unauthorizedProblem('Sign in first');
    if (state.enabledAt) {
      throw conflictProblem('Multi-factor sign-in is already enabled for this account');
    }
    const secret = state.sealedSecret
      ? this.box.open(state.sealedSecret, boxContext(actor.id))
      : null;
    if (!state.sealedSecret || secret === null) {
      throw conflictProblem('Start the enrolment first: POST /api/v1/me/mfa/enrol');
    }
    const check = await verifyTotp({ secret, code });
    if (!check.valid) {
      throw validationProblem([
        { path: 'code', message: 'does not match the authenticator (check the phone clock)' },
      ]);
    }
    const recoveryCodes = newRecoveryCodes();
    const sealedSecret = state.sealedSecret;
    const session = await this.dataSource.transaction(async (em) => {
      if (!(await this.mfa.enable(em, actor.id, sealedSecret, check.timeStep))) {
        throw conflictProblem('The enrolment changed meanwhile; start it again');
      }
      await this.mfa.replaceRecoveryCodes(em, actor.id, recoveryCodes.map(recoveryCodeHash));
      await this.audit.record(em, {
        actorId: actor.id,
        action: AUDIT_ACTIONS.userMfaEnrolled,
        entityType: 'user',
        entityId: actor.id,
        before: { mfaEnabled: false },
        after: { mfaEnabled: true },
      });
      return actor.mfaEnrolmentOnly
        ? this.sessions.start(actor, { userAgent: context.userAgent, mfaEnabled: true }, em)
        : null;
    });
    // The sign-in postponed for the enrolment is complete now.
    if (session) await this.auditTrail.loginSucceeded(actor, context.address);
    return { mfaEnabled: true, recoveryCodes, session };
  }

  /** The second step of a sign-in: the MFA token of the first step plus a code. */
  async completeSignIn(
    mfaToken: string,
    factor: SecondFactor,
    address: string,
    userAgent: string | null,
  ): Promise<SessionResponse> {
    const userId = await this.mfaTokenSubject(mfaToken);
    const user = userId ? await this.users.findActiveById(userId) : null;
    if (!user || !user.mfaEnabledAt) throw unauthorizedProblem(MFA_STEP_EXPIRED);
    await this.throttle.assertAllowed(user.email, address);
    if (!(await this.acceptSecondFactor(user.id, factor))) {
      await this.throttle.recordFailure(user.email, address);
      await this.auditTrail.loginFailed(user.email, user.id, address);
      throw unauthorizedProblem(INVALID_SECOND_FACTOR);
    }
    await this.throttle.recordSuccess(user.email);
    await this.auditTrail.loginSucceeded(user, address);
    const actor = await this.actors.actorOf(user);
    return this.sessions.start(actor, { userAgent, mfaEnabled: true });
  }

  private async mfaTokenSubject(token: string): Promise<string | null> {
    try {
      const claims = readClaims(await this.jwt.verifyAsync<object>(token));
      return claims?.typ === 'mfa' ? claims.sub : null;
    } catch {
      return null;
    }
  }

  private async acceptSecondFactor(userId: string, factor: SecondFactor): Promise<boolean> {
    if (factor.recoveryCode !== undefined) {
      return this.mfa.useRecoveryCode(userId, recoveryCodeHash(factor.recoveryCode));
    }
    if (factor.code === undefined) return false;
    const state = await this.mfa.stateOf(userId);
    const secret = state?.sealedSecret
      ? this.box.open(state.sealedSecret, boxContext(userId))
      : null;
    if (!state || secret === null) return false;
    const check = await verifyTotp({
      secret,
      code: factor.code,
      afterTimeStep: state.lastTimeStep,
    });
    // The claim makes the code single-use even when two requests race with it.
    return check.valid && (await this.mfa.claimTimeStep(userId, check.timeStep));
  }
}
