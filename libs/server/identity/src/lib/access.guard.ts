import {
  type CanActivate,
  type ExecutionContext,
  Injectable,
  SetMetadata,
  createParamDecorator,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Role } from '@parcours/contracts';
import { forbiddenProblem, unauthorizedProblem } from '@parcours/server-http';
import type { Actor } from './actor';
import { AuthService } from './auth.service';

const PUBLIC = 'parcours:public';
const ROLES = 'parcours:roles';
const MFA_ENROLMENT = 'parcours:mfa-enrolment';

/** The route answers without a signed-in user (sign-in, health). */
export const Public = () => SetMetadata(PUBLIC, true);
/** Only these roles may call the route at all (403 otherwise); row scope is checked by services. */
export const AllowRoles = (...roles: Role[]) => SetMetadata(ROLES, roles);
/**
 * The route also accepts the enrolment token given at sign-in to an account that must enrol a
 * second factor first (MFA enrolment and confirmation); every other route refuses it.
 */
export const AllowMfaEnrolmentToken = () => SetMetadata(MFA_ENROLMENT, true);

interface RequestWithActor {
  headers: Record<string, string | string[] | undefined>;
  actor?: Actor;
}

export const CurrentActor = createParamDecorator((_data: unknown, context: ExecutionContext) => {
  const actor = context.switchToHttp().getRequest<RequestWithActor>().actor;
  if (!actor) throw unauthorizedProblem('Sign in first');
  return actor;
});

/** Global guard: resolves the acting user and roles on every route that is not public. */
@Injectable()
export class AccessGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly auth: AuthService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC, targets)) return true;
    const request = context.switchToHttp().getRequest<RequestWithActor>();
    const header = request.headers['authorization'];
    const match = typeof header === 'string' ? /^Bearer\s+(\S+)$/i.exec(header) : null;
    if (!match) throw unauthorizedProblem('A bearer access token is required');
    const allowMfaEnrolment =
      this.reflector.getAllAndOverride<boolean>(MFA_ENROLMENT, targets) === true;
    const actor = await this.auth.authenticate(match[1], { allowMfaEnrolment });
    if (!actor) throw unauthorizedProblem('The access token is invalid or expired');
    request.actor = actor;
    const allowed = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES, targets);
    if (allowed && !allowed.some((role) => actor.roles.includes(role))) {
      throw forbiddenProblem(`This action needs one of the roles: ${allowed.join(', ')}`);
    }
    return true;
  }
}
