import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { AuditEntryView, AuditVerification, Page } from '@parcours/contracts';
import { AuditService } from '@parcours/server-audit';
import { AllowRoles, CurrentActor, type Actor } from '@parcours/server-identity';
import { auditReadScope } from './audit-read-scope';
import { AuditQueryDto, DEFAULT_AUDIT_PAGE_SIZE } from './audit.dto';

@ApiTags('audit')
@ApiBearerAuth()
@Controller('audit')
export class AuditController {
  constructor(private readonly audit: AuditService) {}

  @Get()
  @AllowRoles('admin', 'funder', 'manager')
  @ApiOperation({
    summary: 'Audit entries in the reader’s scope, newest first (keyset pagination)',
  })
  list(@CurrentActor() actor: Actor, @Query() query: AuditQueryDto): Promise<Page<AuditEntryView>> {
    return this.audit.list(
      {
        entityId: query.entityId,
        actorId: query.actorId,
        startupId: query.startupId,
        action: query.action,
        from: query.from === undefined ? undefined : new Date(query.from),
        to: query.to === undefined ? undefined : new Date(query.to),
        limit: query.limit ?? DEFAULT_AUDIT_PAGE_SIZE,
        cursor: query.cursor,
      },
      auditReadScope(actor),
    );
  }

  @Get('verify')
  @AllowRoles('admin', 'funder')
  @ApiOperation({ summary: 'Recompute the hash chain; names the first entry that does not verify' })
  verify(): Promise<AuditVerification> {
    return this.audit.verify();
  }
}
