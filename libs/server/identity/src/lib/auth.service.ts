import { Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import type { LoginResponse } from '@parcours/contracts';
import { AppConfig } from '@parcours/server-config';
import { unauthorizedProblem } from '@parcours/server-http';
import type { Actor } from './actor';
import { LoginThrottle } from './login-throttle';
import { PasswordHasher } from './password-hasher';
import { UsersRepository } from './users.repository';

/** One message for unknown e-mail and wrong password, so that accounts cannot be enumerated. */
export const BAD_CREDENTIALS = 'Invalid e-mail or password';

interface AccessTokenClaims {
  sub: string;
  typ: 'access';
}

@Injectable()
export class AuthService {
  constructor(
    private readonly users: UsersRepository,
    private readonly hasher: PasswordHasher,
    private readonly jwt: JwtService,
    private readonly throttle: LoginThrottle,
    private readonly config: AppConfig,
  ) {}

  async login(email: string, password: string, address: string): Promise<LoginResponse> {
    await this.throttle.assertAllowed(email, address);
    const user = await this.users.findByEmail(email);
    const valid = await this.hasher.verify(user?.passwordHash ?? null, password);
    if (!user || !valid || user.disabledAt) {
      await this.throttle.recordFailure(email, address);
      throw unauthorizedProblem(BAD_CREDENTIALS);
    }
    await this.throttle.recordSuccess(email);
    const actor = await this.actorFor(user.id);
    if (!actor) throw unauthorizedProblem(BAD_CREDENTIALS);
    const claims: AccessTokenClaims = { sub: user.id, typ: 'access' };
    return {
      accessToken: await this.jwt.signAsync(claims),
      expiresIn: this.config.ACCESS_TOKEN_TTL_SECONDS,
      user: { id: actor.id, email: actor.email, displayName: actor.displayName, roles: actor.roles },
    };
  }

  /** The actor behind a bearer token, or null for any token that is not ours and current. */
  async authenticate(token: string): Promise<Actor | null> {
    let claims: AccessTokenClaims;
    try {
      claims = await this.jwt.verifyAsync<AccessTokenClaims & object>(token);
    } catch {
      return null;
    }
    if (claims.typ !== 'access' || typeof claims.sub !== 'string') return null;
    return this.actorFor(claims.sub);
  }

  /** Grants are read on every request, so a revoked right or a disabled account stops at once. */
  async actorFor(userId: string): Promise<Actor | null> {
    const user = await this.users.findActiveById(userId);
    if (!user) return null;
    const grants = await this.users.grantsOf(user.id);
    return {
      id: user.id,
      email: user.email,
      displayName: user.displayName,
      roles: [...new Set(grants.map((grant) => grant.role))],
      grants,
    };
  }
}
