import { createSecretKey } from 'node:crypto';
import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { AppConfig } from '@parcours/server-config';
import { AccessGuard } from './access.guard';
import { AccountsRepository } from './accounts/accounts.repository';
import { AccountsService } from './accounts/accounts.service';
import { InvitationsRepository } from './accounts/invitations.repository';
import { InvitationsService } from './accounts/invitations.service';
import { ActorLoader } from './actor-loader';
import { IdentityAudit } from './audit/identity-audit';
import { AuthService } from './auth.service';
import { LoginThrottle } from './login-throttle';
import { MfaRepository } from './mfa/mfa.repository';
import { MfaService } from './mfa/mfa.service';
import { PasswordHasher } from './password-hasher';
import { SessionService } from './sessions/session.service';
import { SessionsRepository } from './sessions/sessions.repository';
import { UsersRepository } from './users.repository';

/**
 * Sign-in, sessions, MFA and accounts. Needs the global AppConfig, DataSource, Redis client and
 * AuditService (AuditModule) of the application.
 */
@Module({
  imports: [
    JwtModule.registerAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig) => ({
        // A key object rather than the string: given a string, jsonwebtoken first tries it as a
        // public key on every verification and lets that throw, a measurable cost per request.
        secret: createSecretKey(Buffer.from(config.jwtSecret, 'utf8')),
        signOptions: {
          algorithm: 'HS256',
          expiresIn: config.ACCESS_TOKEN_TTL_SECONDS,
          issuer: config.JWT_ISSUER,
          audience: config.JWT_AUDIENCE,
        },
        // Only our algorithm: `alg: none` and asymmetric confusion are refused.
        verifyOptions: {
          algorithms: ['HS256'],
          issuer: config.JWT_ISSUER,
          audience: config.JWT_AUDIENCE,
        },
      }),
    }),
  ],
  providers: [
    AuthService,
    PasswordHasher,
    UsersRepository,
    LoginThrottle,
    ActorLoader,
    SessionsRepository,
    SessionService,
    MfaRepository,
    MfaService,
    AccountsRepository,
    InvitationsRepository,
    InvitationsService,
    AccountsService,
    IdentityAudit,
    { provide: APP_GUARD, useClass: AccessGuard },
  ],
  exports: [
    AuthService,
    PasswordHasher,
    SessionService,
    MfaService,
    AccountsService,
    InvitationsService,
  ],
})
export class IdentityModule {}
