import type { Stage } from '@parcours/contracts';
import type { DataSource } from 'typeorm';
import { createTestDatabase } from '../../test-support/test-database';
import { CONSTRAINTS } from '../constraint-violation';
import {
  AppUserEntity,
  ChecklistItemEntity,
  ProgrammeEntity,
  RoleGrantEntity,
  StageStayEntity,
  StartupEntity,
  StructureEntity,
  TerritoryEntity,
  TransitionEntity,
} from '../entities';
import type { ScratchDatabase } from '../scratch-database';

let db: ScratchDatabase;
let dataSource: DataSource;
let sequence = 0;

beforeAll(async () => {
  db = await createTestDatabase();
  dataSource = db.dataSource;
});
afterAll(() => db.drop());

function unique(label: string): string {
  sequence += 1;
  return `${label} ${sequence}`;
}

function newStartup(overrides: Partial<StartupEntity> = {}): Promise<StartupEntity> {
  return dataSource.getRepository(StartupEntity).save({
    name: unique('Startup'),
    domain: 'SMART_CITIES',
    territoryCode: 'ROUEN',
    stage: 'DETECTION',
    ...overrides,
  });
}

function newTransition(
  startupId: string,
  overrides: Partial<TransitionEntity> = {},
): Promise<TransitionEntity> {
  return dataSource.getRepository(TransitionEntity).save({
    startupId,
    fromStage: null,
    toStage: 'DETECTION',
    status: 'COMPLETED',
    moveKind: 'FIRST_ENTRY',
    effectiveAt: new Date('2026-01-05T09:00:00Z'),
    ...overrides,
  });
}

async function openStay(startupId: string, stage: Stage): Promise<StageStayEntity> {
  const transition = await newTransition(startupId, { toStage: stage });
  return dataSource.getRepository(StageStayEntity).save({
    startupId,
    stage,
    enteredAt: transition.effectiveAt ?? new Date(),
    enteredByTransitionId: transition.id,
  });
}

function newUser(email = `${unique('user').replace(' ', '.')}@example.test`) {
  return dataSource.getRepository(AppUserEntity).save({ email, displayName: 'Someone' });
}

describe('reference data', () => {
  it('holds the three territories of the contract', async () => {
    const territories = await dataSource
      .getRepository(TerritoryEntity)
      .find({ order: { code: 'ASC' } });

    expect(territories.map(({ code, name }) => ({ code, name }))).toEqual([
      { code: 'CAEN', name: 'Caen' },
      { code: 'LE_HAVRE', name: 'Le Havre' },
      { code: 'ROUEN', name: 'Rouen' },
    ]);
  });
});

describe('stage stays', () => {
  it('refuses a second open stay for the same startup', async () => {
    const startup = await newStartup();
    await openStay(startup.id, 'DETECTION');

    await expect(openStay(startup.id, 'INCUBATION')).rejects.toMatchObject({
      code: '23505',
      constraint: CONSTRAINTS.oneOpenStayPerStartup,
    });
  });

  it('accepts the next stay once the previous one is closed', async () => {
    const startup = await newStartup();
    const first = await openStay(startup.id, 'DETECTION');
    const move = await newTransition(startup.id, {
      fromStage: 'DETECTION',
      toStage: 'INCUBATION',
      moveKind: 'FORWARD',
      effectiveAt: new Date('2026-03-01T09:00:00Z'),
    });
    await dataSource.getRepository(StageStayEntity).update(first.id, {
      leftAt: move.effectiveAt,
      leftByTransitionId: move.id,
      leftToStage: 'INCUBATION',
    });

    await expect(openStay(startup.id, 'INCUBATION')).resolves.toMatchObject({
      stage: 'INCUBATION',
    });
  });

  it('refuses a stay that ends before it begins', async () => {
    const startup = await newStartup();
    const stay = await openStay(startup.id, 'DETECTION');

    await expect(
      dataSource
        .getRepository(StageStayEntity)
        .update(stay.id, { leftAt: new Date('2020-01-01T00:00:00Z') }),
    ).rejects.toMatchObject({ code: '23514', constraint: 'ck_stage_stay_left_after_entered' });
  });
});

describe('enumerated columns', () => {
  it('refuses a stage that the contract does not know', async () => {
    await expect(newStartup({ stage: 'LAUNCHPAD' as Stage })).rejects.toMatchObject({
      code: '23514',
      constraint: 'ck_startup_stage',
    });
  });

  it('refuses an outcome stage for a programme', async () => {
    const structure = await dataSource
      .getRepository(StructureEntity)
      .save({ name: unique('Incubator'), kind: 'INCUBATOR', territoryCode: 'CAEN' });

    await expect(
      dataSource.getRepository(ProgrammeEntity).save({
        structureId: structure.id,
        name: 'Alumni club',
        stage: 'ALUMNI' as 'INCUBATION',
        mode: 'ROLLING',
        reviewIntervalDays: 90,
      }),
    ).rejects.toMatchObject({ code: '23514', constraint: 'ck_programme_stage' });
  });
});

describe('transitions', () => {
  it('refuses a second pending request for the same startup', async () => {
    const startup = await newStartup();
    await newTransition(startup.id); // history does not count
    await newTransition(startup.id, {
      status: 'REQUESTED',
      toStage: 'INCUBATION',
      effectiveAt: null,
    });

    await expect(
      newTransition(startup.id, { status: 'REQUESTED', toStage: 'EXITED', effectiveAt: null }),
    ).rejects.toMatchObject({
      code: '23505',
      constraint: CONSTRAINTS.oneRequestedTransitionPerStartup,
    });
  });

  it('refuses a completed transition without an effective time', async () => {
    const startup = await newStartup();

    await expect(newTransition(startup.id, { effectiveAt: null })).rejects.toMatchObject({
      code: '23514',
      constraint: 'ck_transition_completed_has_effective_at',
    });
  });
});

describe('role grants', () => {
  it('accepts a grant whose target is the column of its scope', async () => {
    const user = await newUser();
    const startup = await newStartup();

    await expect(
      dataSource
        .getRepository(RoleGrantEntity)
        .save({ userId: user.id, role: 'founder', scope: 'STARTUP', startupId: startup.id }),
    ).resolves.toMatchObject({ scope: 'STARTUP' });
  });

  it.each([
    ['a STRUCTURE grant without a structure', { scope: 'STRUCTURE' as const }],
    [
      'a GLOBAL grant with a territory',
      { scope: 'GLOBAL' as const, territoryCode: 'CAEN' as const },
    ],
    [
      'a TERRITORY grant that also names a startup',
      { scope: 'TERRITORY' as const, territoryCode: 'CAEN' as const, withStartup: true },
    ],
  ])(
    'refuses %s',
    async (
      _label,
      { withStartup, ...grant }: Partial<RoleGrantEntity> & { withStartup?: boolean },
    ) => {
      const user = await newUser();
      const startupId = withStartup ? (await newStartup()).id : null;

      await expect(
        dataSource
          .getRepository(RoleGrantEntity)
          .save({ userId: user.id, role: 'manager', startupId, ...grant }),
      ).rejects.toMatchObject({ code: '23514', constraint: 'ck_role_grant_scope_target' });
    },
  );

  it('refuses the same grant twice, GLOBAL ones included', async () => {
    const user = await newUser();
    const repository = dataSource.getRepository(RoleGrantEntity);
    await repository.save({ userId: user.id, role: 'admin', scope: 'GLOBAL' });

    await expect(
      repository.save({ userId: user.id, role: 'admin', scope: 'GLOBAL' }),
    ).rejects.toMatchObject({ code: '23505', constraint: CONSTRAINTS.roleGrantTarget });
  });
});

describe('startups', () => {
  it('refuses a SIREN already held by another startup', async () => {
    await newStartup({ siren: '732829320' });

    await expect(newStartup({ siren: '732829320' })).rejects.toMatchObject({
      code: '23505',
      constraint: CONSTRAINTS.startupSiren,
    });
  });

  it('refuses a SIREN that is not nine digits', async () => {
    await expect(newStartup({ siren: '73282932A' })).rejects.toMatchObject({
      code: '23514',
      constraint: 'ck_startup_siren_format',
    });
  });

  it('increments the version on every save, which stale conditional updates then miss', async () => {
    const repository = dataSource.getRepository(StartupEntity);
    const startup = await newStartup();
    expect(startup.version).toBe(1);

    startup.description = 'Smart parking sensors';
    await repository.save(startup);
    expect((await repository.findOneByOrFail({ id: startup.id })).version).toBe(2);

    const stale = await repository.update(
      { id: startup.id, version: 1 },
      { website: 'https://x.test' },
    );
    expect(stale.affected).toBe(0);
  });
});

describe('users and checklists', () => {
  it('refuses an e-mail address that differs only by case', async () => {
    await newUser('Camille.Martin@example.test');

    await expect(newUser('camille.martin@EXAMPLE.test')).rejects.toMatchObject({
      code: '23505',
      constraint: CONSTRAINTS.userEmail,
    });
  });

  it('refuses a waived checklist item without a reason', async () => {
    const startup = await newStartup();
    const stay = await openStay(startup.id, 'DETECTION');

    await expect(
      dataSource.getRepository(ChecklistItemEntity).save({
        startupId: startup.id,
        stayId: stay.id,
        stage: 'DETECTION',
        key: 'kbis',
        title: 'Kbis extract',
        required: true,
        status: 'WAIVED',
        waiverReason: '  ',
      }),
    ).rejects.toMatchObject({ code: '23514', constraint: 'ck_checklist_item_waiver_has_reason' });
  });
});
