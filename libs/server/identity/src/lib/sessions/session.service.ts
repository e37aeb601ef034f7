import { randomUUID } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import type { SessionResponse } from '@parcours/contracts';
import { AppConfig } from '@parcours/server-config';
import { unauthorizedProblem } from '@parcours/server-http';
import { DataSource } from 'typeorm';
import type { Actor } from '../actor';
import { ActorLoader } from '../actor-loader';
import type { Sql } from '../sql';
import { newOpaqueToken, sha256Hex } from '../tokens/opaque-token';
import type { AccessTokenClaims } from '../tokens/token-claims';
import { UsersRepository, type UserRecord } from '../users.repository';
import { SessionsRepository } from './sessions.repository';

/** One message for every refused refresh: which check failed is nobody else's business. */
export const SESSION_ENDED = 'The session has ended; sign in again';

type RefreshOutcome =
  | { kind: 'rotated'; user: UserRecord; familyId: string; refreshToken: string }
  | { kind: 'refused' }
  | { kind: 'reused'; userId: string; familyId: string };

/**
 * Sessions: an access token (short-lived JWT bound to its session by `sid`) and an opaque
 * refresh token that is exchanged for a new one on every use. The refresh tokens of one
 * sign-in form a family; a replaced token presented again means a copy is in other hands, and
 * the whole family is revoked — the thief's session and the legitimate one alike.
 */
@Injectable()
export class SessionService {
  private readonly logger = new Logger('Sessions');

  constructor(
    private readonly dataSource: DataSource,
    private readonly jwt: JwtService,
    private readonly sessions: SessionsRepository,
    private readonly users: UsersRepository,
    private readonly actors: ActorLoader,
    private readonly config: AppConfig,
  ) {}

  /** Opens a new session (family) for a user who has just proved who they are. */
  async start(
    actor: Actor,
    options: { userAgent: string | null; mfaEnabled: boolean },
    sql: Sql = this.dataSource,
  ): Promise<SessionResponse> {
    const familyId = randomUUID();
    const refreshToken = newOpaqueToken();
    await this.sessions.insert(sql, {
      userId: actor.id,
      familyId,
      tokenHash: sha256Hex(refreshToken),
      expiresAt: this.refreshExpiry(),
      userAgent: options.userAgent,
    });
    // Housekeeping on sign-in: each user's long-dead sessions, never anybody else's.
    await this.sessions.purgeExpired(actor.id).catch(() => undefined);
    return this.response(actor, familyId, refreshToken, options.mfaEnabled);
  }

  /** Exchanges a refresh token for a new session response; 401 for anything but a live token. */
  async refresh(refreshToken: string, userAgent: string | null): Promise<SessionResponse> {
    const tokenHash = sha256Hex(refreshToken);
    const outcome = await this.dataSource.transaction(async (em): Promise<RefreshOutcome> => {
      const token = await this.sessions.findByHashForUpdate(em, tokenHash);
      if (!token || token.revokedAt) return { kind: 'refused' };
      if (token.usedAt) {
        // Committed before answering 401: the revocation must survive the refusal.
        await this.sessions.revokeFamily(em, token.familyId, 'reuse-detected');
        return { kind: 'reused', userId: token.userId, familyId: token.familyId };
      }
      if (token.expiresAt.getTime() <= Date.now()) return { kind: 'refused' };
      const user = await this.users.findActiveById(token.userId);
      if (!user) {
        await this.sessions.revokeFamily(em, token.familyId, 'account-disabled');
        return { kind: 'refused' };
      }
      const next = newOpaqueToken();
      const nextId = await this.sessions.insert(em, {
        userId: user.id,
        familyId: token.familyId,
        tokenHash: sha256Hex(next),
        expiresAt: this.refreshExpiry(),
        userAgent,
      });
      await this.sessions.markReplaced(em, token.id, nextId);
      return { kind: 'rotated', user, familyId: token.familyId, refreshToken: next };
    });
    if (outcome.kind === 'reused') {
      this.logger.warn(
        `refresh token reused: session ${outcome.familyId} of user ${outcome.userId} revoked`,
      );
    }
    if (outcome.kind !== 'rotated') throw unauthorizedProblem(SESSION_ENDED);
    const actor = await this.actors.actorOf(outcome.user);
    return this.response(
      actor,
      outcome.familyId,
      outcome.refreshToken,
      outcome.user.mfaEnabledAt !== null,
    );
  }

  /** Ends the session of a refresh token and/or of an access token; unknown ones are ignored. */
  async end(credentials: { refreshToken?: string; sessionId?: string }): Promise<void> {
    const families = new Set<string>();
    if (credentials.sessionId) families.add(credentials.sessionId);
    if (credentials.refreshToken) {
      const token = await this.sessions.findByHash(sha256Hex(credentials.refreshToken));
      if (token) families.add(token.familyId);
    }
    for (const familyId of families) {
      await this.sessions.revokeFamily(this.dataSource, familyId, 'logout');
    }
  }

  /** Ends every session of a user, in the caller's transaction (account disabled...). */
  endAllOf(
    sql: Sql,
    userId: string,
    reason: 'account-disabled' | 'password-set' | 'mfa-reset',
  ): Promise<number> {
    return this.sessions.revokeAllOfUser(sql, userId, reason);
  }

  private refreshExpiry(): Date {
    return new Date(Date.now() + this.config.REFRESH_TOKEN_TTL_SECONDS * 1000);
  }

  private async response(
    actor: Actor,
    familyId: string,
    refreshToken: string,
    mfaEnabled: boolean,
  ): Promise<SessionResponse> {
    const claims: AccessTokenClaims = { sub: actor.id, typ: 'access', sid: familyId };
    return {
      accessToken: await this.jwt.signAsync(claims),
      expiresIn: this.config.ACCESS_TOKEN_TTL_SECONDS,
      user: {
        id: actor.id,
        email: actor.email,
        displayName: actor.displayName,
        roles: actor.roles,
      },
      refreshToken,
      refreshExpiresIn: this.config.REFRESH_TOKEN_TTL_SECONDS,
      mfaEnabled,
    };
  }
}
