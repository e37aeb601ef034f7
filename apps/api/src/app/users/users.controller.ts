import {
  Body,
  Controller,
  Delete,
  Get,
  Headers,
  HttpCode,
  Param,
  Patch,
  Post,
  Query,
  Res,
} from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type {
  GrantView,
  InvitationIssued,
  Page,
  UserAccountView,
  UserCreatedResponse,
} from '@parcours/contracts';
import { etagOf, parseIfMatch, UuidParam } from '@parcours/server-http';
import { AccountsService, AllowRoles, CurrentActor, type Actor } from '@parcours/server-identity';
import { CreateUserDto, GrantDto, UpdateUserDto, UsersQuery } from './user.dto';

interface Reply {
  header(name: string, value: string): Reply;
}

@ApiTags('users')
@ApiBearerAuth()
@Controller('users')
export class UsersController {
  constructor(private readonly accounts: AccountsService) {}

  @Get()
  @AllowRoles('admin')
  list(@Query() query: UsersQuery): Promise<Page<UserAccountView>> {
    return this.accounts.list(query);
  }

  @Post()
  @AllowRoles('admin')
  @ApiOperation({
    summary: 'Create an account; without a password, an invitation link is issued (7 days)',
  })
  create(@CurrentActor() actor: Actor, @Body() body: CreateUserDto): Promise<UserCreatedResponse> {
    return this.accounts.create(actor, body);
  }

  @Get(':id')
  @AllowRoles('admin')
  async get(
    @Param('id', UuidParam('id')) id: string,
    @Res({ passthrough: true }) reply: Reply,
  ): Promise<UserAccountView> {
    const account = await this.accounts.get(id);
    reply.header('ETag', etagOf(account.version));
    return account;
  }

  @Patch(':id')
  @AllowRoles('admin')
  @ApiOperation({ summary: 'Rename, disable (ends every session at once) or enable an account' })
  async update(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParam('id')) id: string,
    @Body() body: UpdateUserDto,
    @Headers('if-match') ifMatch: string | undefined,
    @Res({ passthrough: true }) reply: Reply,
  ): Promise<UserAccountView> {
    const account = await this.accounts.update(actor, id, body, parseIfMatch(ifMatch));
    reply.header('ETag', etagOf(account.version));
    return account;
  }

  @Post(':id/grants')
  @AllowRoles('admin', 'manager')
  @ApiOperation({
    summary: 'Grant a role; managers may grant founder or mentor on startups they follow',
  })
  addGrant(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParam('id')) id: string,
    @Body() body: GrantDto,
  ): Promise<GrantView> {
    return this.accounts.addGrant(actor, id, body);
  }

  @Delete(':id/grants/:grantId')
  @AllowRoles('admin', 'manager')
  @HttpCode(204)
  removeGrant(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParam('id')) id: string,
    @Param('grantId', UuidParam('grantId')) grantId: string,
  ): Promise<void> {
    return this.accounts.removeGrant(actor, id, grantId);
  }

  @Post(':id/invitations')
  @AllowRoles('admin')
  @ApiOperation({ summary: 'Issue a new invitation link (first access or password reset)' })
  reinvite(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParam('id')) id: string,
  ): Promise<InvitationIssued> {
    return this.accounts.reinvite(actor, id);
  }

  @Delete(':id/mfa')
  @AllowRoles('admin')
  @ApiOperation({ summary: 'Turn off MFA of an account (lost device); ends its sessions' })
  resetMfa(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParam('id')) id: string,
  ): Promise<UserAccountView> {
    return this.accounts.resetMfa(actor, id);
  }
}
