import { randomUUID } from 'node:crypto';
import type {
  ChecklistTemplateItem,
  GrantScope,
  PipelineStage,
  Role,
  StructureKind,
} from '@parcours/contracts';
import argon2 from 'argon2';
import type { DataSource } from 'typeorm';

/** The password every built user gets; long enough for every policy. */
export const TEST_PASSWORD = 'correct-horse-battery-staple';
let hashed: Promise<string> | undefined;
const testPasswordHash = () =>
  (hashed ??= argon2.hash(TEST_PASSWORD, {
    type: argon2.argon2id,
    memoryCost: 19_456,
    timeCost: 2,
  }));

export interface GrantSpec {
  role: Role;
  scope?: GrantScope;
  territory?: string;
  structureId?: string;
  startupId?: string;
}

/** Data builders writing straight to the database: the fastest way to a known state. */
export class Builders {
  constructor(private readonly db: DataSource) {}

  async territories(): Promise<void> {
    await this.db.query(
      `INSERT INTO territory (code, name) VALUES ('CAEN','Caen'),('ROUEN','Rouen'),('LE_HAVRE','Le Havre')
       ON CONFLICT DO NOTHING`,
    );
  }

  async user(email: string, grants: GrantSpec[] = []): Promise<string> {
    const rows: { id: string }[] = await this.db.query(
      `INSERT INTO app_user (email, display_name, password_hash) VALUES ($1, $2, $3) RETURNING id`,
      [email, email.split('@')[0], await testPasswordHash()],
    );
    const id = rows[0].id;
    for (const grant of grants) await this.grant(id, grant);
    return id;
  }

  async grant(userId: string, grant: GrantSpec): Promise<void> {
    const scope: GrantScope =
      grant.scope ??
      (grant.structureId
        ? 'STRUCTURE'
        : grant.startupId
          ? 'STARTUP'
          : grant.territory
            ? 'TERRITORY'
            : 'GLOBAL');
    await this.db.query(
      `INSERT INTO role_grant (user_id, role, scope, territory_code, structure_id, startup_id)
       VALUES ($1, $2, $3, $4, $5, $6)`,
      [
        userId,
        grant.role,
        scope,
        grant.territory ?? null,
        grant.structureId ?? null,
        grant.startupId ?? null,
      ],
    );
  }

  async structure(
    name: string,
    kind: StructureKind,
    territory: string | null = 'ROUEN',
  ): Promise<string> {
    await this.territories();
    const rows: { id: string }[] = await this.db.query(
      `INSERT INTO structure (name, kind, territory_code) VALUES ($1, $2, $3) RETURNING id`,
      [name, kind, territory],
    );
    return rows[0].id;
  }

  async programme(
    structureId: string,
    stage: PipelineStage,
    options: {
      name?: string;
      capacity?: number | null;
      reviewIntervalDays?: number;
      allowsDirectEntry?: boolean;
      checklist?: ChecklistTemplateItem[];
    } = {},
  ): Promise<string> {
    const rows: { id: string }[] = await this.db.query(
      `INSERT INTO programme (structure_id, name, stage, mode, capacity, review_interval_days,
                              allows_direct_entry, checklist_template)
       VALUES ($1, $2, $3, 'ROLLING', $4, $5, $6, $7) RETURNING id`,
      [
        structureId,
        options.name ?? `${stage} programme ${randomUUID().slice(0, 8)}`,
        stage,
        options.capacity ?? null,
        options.reviewIntervalDays ?? 30,
        options.allowsDirectEntry ?? false,
        JSON.stringify(options.checklist ?? []),
      ],
    );
    return rows[0].id;
  }

  async cohort(programmeId: string, name: string, capacity: number | null = null): Promise<string> {
    const rows: { id: string }[] = await this.db.query(
      `INSERT INTO cohort (programme_id, name, starts_on, capacity) VALUES ($1, $2, current_date, $3) RETURNING id`,
      [programmeId, name, capacity],
    );
    return rows[0].id;
  }
}
