import { Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import type { LoginResult } from '@parcours/contracts';
import { AuditService } from '@parcours/server-audit';
import { unauthorizedProblem } from '@parcours/server-http';
import type { Actor } from './actor';
import { ActorLoader } from './actor-loader';
import { LoginThrottle } from './login-throttle';
import { MfaService } from './mfa/mfa.service';
import { PasswordHasher } from './password-hasher';
import { SessionService } from './sessions/session.service';
import { readClaims } from './tokens/token-claims';
import { UsersRepository } from './users.repository';

/** One message for unknown e-mail and wrong password, so that accounts cannot be enumerated. */
export const BAD_CREDENTIALS = 'Invalid e-mail or password';

export const MFA_NOW_REQUIRED =
  'Your roles now require multi-factor sign-in: sign in again to enrol an authenticator';

export interface AuthenticateOptions {
  /** The route accepts the enrolment token of an account that must enrol MFA first. */
  allowMfaEnrolment?: boolean;
}

@Injectable()
export class AuthService {
  constructor(
    private readonly users: UsersRepository,
    private readonly hasher: PasswordHasher,
    private readonly jwt: JwtService,
    private readonly throttle: LoginThrottle,
    private readonly audit: AuditService,
    private readonly actors: ActorLoader,
    private readonly sessions: SessionService,
    private readonly mfa: MfaService,
  ) {}

  /**
   * First step of a sign-in. The password alone opens a session unless the account has MFA
   * (answer: an MFA challenge) or must have it and does not yet (answer: an enrolment token).
   */
  async login(
    email: string,
    password: string,
    address: string,
    userAgent: string | null = null,
  ): Promise<LoginResult> {
    await this.throttle.assertAllowed(email, address);
    const user = await this.users.findByEmail(email);
    const valid = await this.hasher.verify(user?.passwordHash ?? null, password);
    if (!user || !valid || user.disabledAt) {
      await this.throttle.recordFailure(email, address);
      await this.audit.loginFailed(email, user?.id ?? null, address);
      throw unauthorizedProblem(BAD_CREDENTIALS);
    }
    await this.throttle.recordSuccess(email);
    const actor = await this.actorFor(user.id);
    if (!actor) throw unauthorizedProblem(BAD_CREDENTIALS);
    // With a second factor to come, the sign-in succeeds (and is audited) in MfaService.
    if (user.mfaEnabledAt) return this.mfa.challenge(user.id);
    if (this.mfa.mustUseMfa(actor)) return this.mfa.enrolmentRequired(user.id);
    await this.audit.loginSucceeded(user, address);
    return this.sessions.start(actor, { userAgent, mfaEnabled: false });
  }

  /**
   * The actor behind a bearer token, or null for any token that is not ours and current:
   * signature, algorithm (HS256 only), issuer, audience and expiry are checked by the JWT
   * verification; then the type (an MFA token opens nothing), the account (active) and the
   * session (not ended by a sign-out, a reuse or a disabled account).
   */
  async authenticate(token: string, options: AuthenticateOptions = {}): Promise<Actor | null> {
    let payload: object;
    try {
      payload = await this.jwt.verifyAsync<object>(token);
    } catch {
      return null;
    }
    const claims = readClaims(payload);
    if (claims?.typ === 'access') {
      const found = await this.actors.actorInSession(claims.sub, claims.sid);
      if (!found) return null;
      const { user, actor } = found;
      // Someone made admin or manager after signing in with a password alone.
      if (!user.mfaEnabledAt && this.mfa.mustUseMfa(actor)) {
        throw unauthorizedProblem(MFA_NOW_REQUIRED);
      }
      return { ...actor, sessionId: claims.sid };
    }
    if (claims?.typ === 'mfa-enrolment' && options.allowMfaEnrolment) {
      const actor = await this.actorFor(claims.sub);
      return actor ? { ...actor, mfaEnrolmentOnly: true } : null;
    }
    return null;
  }

  /** Grants are read on every request, so a revoked right or a disabled account stops at once. */
  async actorFor(userId: string): Promise<Actor | null> {
    return this.actors.activeActor(userId);
  }
}
