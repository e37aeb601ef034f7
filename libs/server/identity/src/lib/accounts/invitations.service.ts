import { Injectable, Logger } from '@nestjs/common';
import {
  AUDIT_ACTIONS,
  type InvitationAcceptedResponse,
  type InvitationIssued,
} from '@parcours/contracts';
import { AppConfig } from '@parcours/server-config';
import { validationProblem } from '@parcours/server-http';
import { DataSource } from 'typeorm';
import { IdentityAudit } from '../audit/identity-audit';
import { PasswordHasher } from '../password-hasher';
import { assertPasswordAcceptable } from '../passwords/password-policy';
import { SessionService } from '../sessions/session.service';
import type { Sql } from '../sql';
import { newOpaqueToken, sha256Hex } from '../tokens/opaque-token';
import { SecretBox } from '../tokens/secret-box';
import { AccountsRepository } from './accounts.repository';
import { InvitationsRepository } from './invitations.repository';

/** The back-office page that reads the token from the fragment (never sent to any server). */
export const INVITATION_PAGE = '/accept-invitation';

/** The link of an invitation token; the token rides in the fragment, out of server logs. */
export const invitationLink = (publicUrl: string, token: string) =>
  `${publicUrl.replace(/\/+$/, '')}${INVITATION_PAGE}#token=${token}`;

/**
 * Additional data of an invitation's sealed token: the token's own hash, so that a sealed token
 * copied onto another invitation row does not open.
 */
export const invitationBoxContext = (tokenHash: string) => `invitation:${tokenHash}`;

export const INVALID_INVITATION =
  'this invitation is invalid, already used or expired; ask for a new one';

/** An invitation just written; the token only exists here, the database keeps its hash. */
export interface NewInvitation {
  token: string;
  expiresAt: Date;
  link: string;
}

/**
 * Invitations: a single-use, expiring link with which a person sets their first password (or a
 * new one, when an administrator issues another). The invitation row is the outbox of its
 * e-mail: the token is stored sealed until the worker's invitation sweep has e-mailed the link
 * (`InvitationEmails` in server-notifications). Outside production the link is also returned to
 * the admin, for a demo without a mail server.
 */
@Injectable()
export class InvitationsService {
  private readonly logger = new Logger('Invitations');
  private readonly box: SecretBox;

  constructor(
    private readonly dataSource: DataSource,
    private readonly invitations: InvitationsRepository,
    private readonly accounts: AccountsRepository,
    private readonly hasher: PasswordHasher,
    private readonly sessions: SessionService,
    private readonly audit: IdentityAudit,
    private readonly config: AppConfig,
  ) {
    this.box = new SecretBox(config.mfaEncryptionKey);
  }

  /** Writes a new invitation in the caller's transaction; earlier open ones stop working. */
  async issue(sql: Sql, userId: string, createdById: string | null): Promise<NewInvitation> {
    const token = newOpaqueToken();
    const tokenHash = sha256Hex(token);
    const expiresAt = new Date(Date.now() + this.config.INVITATION_TTL_HOURS * 3600 * 1000);
    await this.invitations.issue(sql, {
      userId,
      tokenHash,
      expiresAt,
      createdById,
      sealedToken: this.box.seal(token, invitationBoxContext(tokenHash)),
    });
    return { token, expiresAt, link: invitationLink(this.config.PUBLIC_URL, token) };
  }

  /**
   * What the admin sees, once the invitation is committed. The link itself is logged only when
   * e-mail is off (demo without a mail server): otherwise it leaves by e-mail alone.
   */
  announce(invitation: NewInvitation, email: string): InvitationIssued {
    const until = invitation.expiresAt.toISOString();
    this.logger.log(
      this.config.SMTP_URL
        ? `invitation for ${email} (until ${until}): e-mailed by the worker`
        : `invitation for ${email} (until ${until}), e-mail is off (no SMTP_URL): ${invitation.link}`,
    );
    return {
      expiresAt: invitation.expiresAt.toISOString(),
      ...(this.config.NODE_ENV !== 'production' ? { link: invitation.link } : {}),
    };
  }

  /**
   * Sets the password chosen through an invitation and spends the token. A refused password
   * leaves the invitation open, so the person can try a better one.
   */
  async accept(
    token: string,
    password: string,
    displayName?: string,
  ): Promise<InvitationAcceptedResponse> {
    return this.dataSource.transaction(async (em) => {
      const invitation = await this.invitations.findForUpdate(em, sha256Hex(token));
      if (
        !invitation ||
        invitation.usedAt ||
        invitation.revokedAt ||
        invitation.disabledAt ||
        invitation.expiresAt.getTime() <= Date.now()
      ) {
        throw validationProblem([{ path: 'token', message: INVALID_INVITATION }]);
      }
      const name = displayName ?? invitation.displayName;
      assertPasswordAcceptable(password, { email: invitation.email, displayName: name });
      const before = await this.accounts.find(em, invitation.userId);
      await this.accounts.setPassword(
        em,
        invitation.userId,
        await this.hasher.hash(password),
        displayName,
      );
      await this.invitations.markUsed(em, invitation.id);
      // Whoever held a session before the password was (re)set is signed out.
      await this.sessions.endAllOf(em, invitation.userId, 'password-set');
      await this.audit.record(em, {
        actorId: invitation.userId,
        action: AUDIT_ACTIONS.userUpdated,
        entityType: 'user',
        entityId: invitation.userId,
        before: { displayName: before?.displayName, passwordSet: before?.passwordSet },
        after: { displayName: name, passwordSet: true },
      });
      return { email: invitation.email, displayName: name };
    });
  }
}
