import { Injectable } from '@nestjs/common';
import type { KnownAuditAction } from '@parcours/contracts';
import { AuditService } from '@parcours/server-audit';
import type { EntityManager } from 'typeorm';

/** A change of a user right, as the audit trail records it. */
export interface IdentityAuditEntry {
  actorId: string | null;
  action: KnownAuditAction;
  entityType: 'user' | 'role_grant';
  entityId: string;
  /** For founder and mentor grants: the startup's managers read the entry in its trail. */
  startupId?: string | null;
  before: unknown;
  after: unknown;
}

/**
 * The one place where identity writes user-right changes to the audit trail, always with the
 * EntityManager of the transaction that makes the change, so the entry and the change commit
 * (or roll back) together.
 */
@Injectable()
export class IdentityAudit {
  constructor(private readonly audit: AuditService) {}

  async record(em: EntityManager, entry: IdentityAuditEntry): Promise<void> {
    await this.audit.record(em, entry);
  }
}
