import { Global, Module } from '@nestjs/common';
import { AuditService } from './audit.service';

/** Global: every feature module (identity included) injects AuditService without importing this. */
@Global()
@Module({ providers: [AuditService], exports: [AuditService] })
export class AuditModule {}
