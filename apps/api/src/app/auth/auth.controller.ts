import {
  Body,
  Controller,
  Get,
  Headers,
  HttpCode,
  Ip,
  Patch,
  Post,
  Req,
  Res,
} from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  isSessionResponse,
  type CurrentUserResponse,
  type InvitationAcceptedResponse,
  type LoginResult,
  type MfaConfirmationResponse,
  type MfaEnrolmentResponse,
  type SessionResponse,
} from '@parcours/contracts';
import { AppConfig } from '@parcours/server-config';
import { unauthorizedProblem, validationProblem } from '@parcours/server-http';
import {
  AccountsService,
  AllowMfaEnrolmentToken,
  AuthService,
  CurrentActor,
  InvitationsService,
  MfaService,
  Public,
  REFRESH_COOKIE_NAME,
  SessionService,
  refreshCookieOptions,
  type Actor,
} from '@parcours/server-identity';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { LoginDto } from './login.dto';
import {
  AcceptInvitationDto,
  LogoutDto,
  MfaConfirmDto,
  MfaSignInDto,
  RefreshDto,
  UpdateProfileDto,
} from './session.dto';

/** Kept with a session for its holder to recognise it; never trusted for anything. */
const userAgentOf = (header: string | undefined) => header?.slice(0, 512) || null;

const bearerOf = (request: FastifyRequest) => {
  const header = request.headers['authorization'];
  return typeof header === 'string' ? (/^Bearer\s+(\S+)$/i.exec(header)?.[1] ?? null) : null;
};

@ApiTags('auth')
@Controller()
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly sessions: SessionService,
    private readonly mfa: MfaService,
    private readonly invitations: InvitationsService,
    private readonly accounts: AccountsService,
    private readonly config: AppConfig,
  ) {}

  @Public()
  @Post('auth/login')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Sign in with e-mail and password',
    description:
      'Answers a session ({accessToken, expiresIn, user, refreshToken}), or {mfaRequired, mfaToken} ' +
      '(then POST /auth/mfa), or {mfaEnrolmentRequired, mfaEnrolmentToken} (then /me/mfa/enrol and ' +
      '/me/mfa/confirm with that token as bearer).',
  })
  async login(
    @Body() body: LoginDto,
    @Ip() address: string,
    @Headers('user-agent') userAgent: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<LoginResult> {
    const result = await this.auth.login(
      body.email,
      body.password,
      address,
      userAgentOf(userAgent),
    );
    if (isSessionResponse(result)) this.setRefreshCookie(reply, result);
    return result;
  }

  @Public()
  @Post('auth/mfa')
  @HttpCode(200)
  @ApiOperation({ summary: 'Second step of a sign-in: a TOTP code or a recovery code' })
  async completeMfa(
    @Body() body: MfaSignInDto,
    @Ip() address: string,
    @Headers('user-agent') userAgent: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<SessionResponse> {
    if ((body.code === undefined) === (body.recoveryCode === undefined)) {
      throw validationProblem([
        { path: 'code', message: 'give either code or recoveryCode, not both' },
      ]);
    }
    const session = await this.mfa.completeSignIn(
      body.mfaToken,
      { code: body.code, recoveryCode: body.recoveryCode },
      address,
      userAgentOf(userAgent),
    );
    this.setRefreshCookie(reply, session);
    return session;
  }

  @Public()
  @Post('auth/refresh')
  @HttpCode(200)
  @ApiOperation({ summary: 'Exchange the refresh token (cookie or body) for a new session' })
  async refresh(
    @Body() body: RefreshDto,
    @Req() request: FastifyRequest,
    @Headers('user-agent') userAgent: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<SessionResponse> {
    const token = body.refreshToken ?? request.cookies[REFRESH_COOKIE_NAME];
    if (!token) throw unauthorizedProblem('A refresh token is required (cookie or body)');
    try {
      const session = await this.sessions.refresh(token, userAgentOf(userAgent));
      this.setRefreshCookie(reply, session);
      return session;
    } catch (error) {
      this.clearRefreshCookie(reply);
      throw error;
    }
  }

  @Public()
  @Post('auth/logout')
  @HttpCode(204)
  @ApiOperation({ summary: 'End the session of the refresh token and/or of the bearer token' })
  async logout(
    @Body() body: LogoutDto,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<void> {
    const refreshToken = body.refreshToken ?? request.cookies[REFRESH_COOKIE_NAME];
    const bearer = bearerOf(request);
    const actor = bearer ? await this.auth.authenticate(bearer).catch(() => null) : null;
    if (!refreshToken && !actor) {
      throw unauthorizedProblem(
        'Nothing identifies a session: send the refresh token or a bearer token',
      );
    }
    await this.sessions.end({ refreshToken, sessionId: actor?.sessionId });
    this.clearRefreshCookie(reply);
  }

  @Public()
  @Post('auth/accept-invitation')
  @HttpCode(200)
  @ApiOperation({ summary: 'Choose a password with the token of an invitation link (single use)' })
  acceptInvitation(@Body() body: AcceptInvitationDto): Promise<InvitationAcceptedResponse> {
    return this.invitations.accept(body.token, body.password, body.displayName);
  }

  @ApiBearerAuth()
  @Get('me')
  async me(@CurrentActor() actor: Actor): Promise<CurrentUserResponse> {
    const [mfaEnabled, recoveryCodesRemaining, locale] = await Promise.all([
      this.mfa.isEnabled(actor.id),
      this.mfa.recoveryCodesLeft(actor.id),
      this.accounts.localeOf(actor.id),
    ]);
    return {
      id: actor.id,
      email: actor.email,
      displayName: actor.displayName,
      roles: actor.roles,
      grants: actor.grants,
      mfaEnabled,
      mfaRequired: this.mfa.mustUseMfa(actor),
      recoveryCodesRemaining,
      locale,
    };
  }

  @ApiBearerAuth()
  @Patch('me')
  @ApiOperation({ summary: 'Change your own preferences: the language of e-mails and screens' })
  async updateMe(
    @CurrentActor() actor: Actor,
    @Body() body: UpdateProfileDto,
  ): Promise<CurrentUserResponse> {
    if (body.locale !== undefined) await this.accounts.setOwnLocale(actor, body.locale);
    return this.me(actor);
  }

  @ApiBearerAuth()
  @AllowMfaEnrolmentToken()
  @Post('me/mfa/enrol')
  @HttpCode(200)
  @ApiOperation({ summary: 'Start enrolling an authenticator app (secret, otpauth URI, QR code)' })
  enrolMfa(@CurrentActor() actor: Actor): Promise<MfaEnrolmentResponse> {
    return this.mfa.enrol(actor);
  }

  @ApiBearerAuth()
  @AllowMfaEnrolmentToken()
  @Post('me/mfa/confirm')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Confirm the enrolment with a first code; answers the recovery codes (shown once)',
  })
  async confirmMfa(
    @CurrentActor() actor: Actor,
    @Body() body: MfaConfirmDto,
    @Ip() address: string,
    @Headers('user-agent') userAgent: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<MfaConfirmationResponse> {
    const confirmation = await this.mfa.confirm(actor, body.code, {
      address,
      userAgent: userAgentOf(userAgent),
    });
    if (confirmation.session) this.setRefreshCookie(reply, confirmation.session);
    return confirmation;
  }

  private setRefreshCookie(reply: FastifyReply, session: SessionResponse): void {
    reply.setCookie(
      REFRESH_COOKIE_NAME,
      session.refreshToken,
      refreshCookieOptions(this.config.refreshCookieSecure, session.refreshExpiresIn),
    );
  }

  private clearRefreshCookie(reply: FastifyReply): void {
    reply.clearCookie(REFRESH_COOKIE_NAME, refreshCookieOptions(this.config.refreshCookieSecure));
  }
}
