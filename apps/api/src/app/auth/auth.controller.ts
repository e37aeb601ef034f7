import { Body, Controller, Get, HttpCode, Ip, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { LoginResponse, MeResponse } from '@parcours/contracts';
import { AuthService, CurrentActor, Public, type Actor } from '@parcours/server-identity';
import { LoginDto } from './login.dto';

@ApiTags('auth')
@Controller()
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  @Public()
  @Post('auth/login')
  @HttpCode(200)
  login(@Body() body: LoginDto, @Ip() address: string): Promise<LoginResponse> {
    return this.auth.login(body.email, body.password, address);
  }

  @ApiBearerAuth()
  @Get('me')
  me(@CurrentActor() actor: Actor): MeResponse {
    return {
      id: actor.id,
      email: actor.email,
      displayName: actor.displayName,
      roles: actor.roles,
      grants: actor.grants,
    };
  }
}
