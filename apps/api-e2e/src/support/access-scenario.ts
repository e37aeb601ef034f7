import { TEST_PASSWORD } from '@parcours/server-testing';
import { client, signIn, type Platform } from './platform';

/** The callers of the access matrix: one per role, plus nobody signed in. */
export const MATRIX_ACTORS = [
  'admin',
  'manager',
  'mentor',
  'founder',
  'funder',
  'anonymous',
] as const;
export type MatrixActor = (typeof MATRIX_ACTORS)[number];

/**
 * Two worlds side by side: startup A in the Rouen incubator (the manager's structure; the mentor
 * and the founder are linked to A) and startup B in the Caen incubator (someone else's). An "own"
 * object belongs to A's world, an "other" object to B's.
 */
export interface AccessWorld {
  emails: Record<Exclude<MatrixActor, 'anonymous'>, string> & {
    managerB: string;
    founderB: string;
    mentorB: string;
  };
  userIds: Record<string, string>;
  structures: { a: string; b: string };
  programmes: { a: string; b: string };
  startups: { a: string; b: string };
  transitions: { a: string; b: string };
  checklistItems: { a: string; b: string };
  batches: { a: string; b: string };
  grants: { founderA: string; founderB: string };
  tokens: Record<Exclude<MatrixActor, 'anonymous'>, string>;
}

export async function accessToken(platform: Platform, email: string): Promise<string> {
  const result = await client(platform).post<{ accessToken: string }>('/api/v1/auth/login', {
    email,
    password: TEST_PASSWORD,
  });
  if (result.status !== 200) throw new Error(`sign-in of ${email}: ${result.status}`);
  return result.body.accessToken;
}

async function one(platform: Platform, sql: string, params: unknown[]): Promise<string> {
  const rows: { id: string }[] = await platform.db.dataSource.query(sql, params);
  if (rows.length === 0) throw new Error(`no row for ${sql}`);
  return rows[0].id;
}

export async function buildAccessWorld(platform: Platform): Promise<AccessWorld> {
  const b = platform.builders;
  const structureA = await b.structure('Incubateur Rouen', 'INCUBATOR', 'ROUEN');
  const structureB = await b.structure('Incubateur Caen', 'INCUBATOR', 'CAEN');
  const checklist = [{ key: 'convention', title: 'Convention signée', required: true }];
  const programmeA = await b.programme(structureA, 'INCUBATION', {
    name: 'Incubation Rouen',
    checklist,
  });
  const programmeB = await b.programme(structureB, 'INCUBATION', {
    name: 'Incubation Caen',
    checklist,
  });
  const emails = {
    admin: 'admin@matrix.test',
    manager: 'manager.rouen@matrix.test',
    managerB: 'manager.caen@matrix.test',
    mentor: 'mentor.a@matrix.test',
    mentorB: 'mentor.b@matrix.test',
    founder: 'founder.a@matrix.test',
    founderB: 'founder.b@matrix.test',
    funder: 'funder@matrix.test',
  };
  const userIds: Record<string, string> = {};
  userIds['admin'] = await b.user(emails.admin, [{ role: 'admin' }]);
  userIds['manager'] = await b.user(emails.manager, [{ role: 'manager', structureId: structureA }]);
  userIds['managerB'] = await b.user(emails.managerB, [
    { role: 'manager', structureId: structureB },
  ]);
  userIds['funder'] = await b.user(emails.funder, [{ role: 'funder' }]);

  const admin = await signIn(platform, emails.admin);
  const createStartup = async (
    name: string,
    territory: string,
    structureId: string,
    programmeId: string,
  ) => {
    const created = await admin.post<{ id: string }>('/api/v1/startups', {
      name,
      domain: 'SMART_CITIES',
      territory,
      stage: 'INCUBATION',
      structureId,
      programmeId,
    });
    if (created.status !== 201) throw new Error(`startup ${name}: ${JSON.stringify(created.body)}`);
    return created.body.id;
  };
  const startupA = await createStartup('Alpha Rouen', 'ROUEN', structureA, programmeA);
  const startupB = await createStartup('Beta Caen', 'CAEN', structureB, programmeB);
  userIds['mentor'] = await b.user(emails.mentor, [{ role: 'mentor', startupId: startupA }]);
  userIds['mentorB'] = await b.user(emails.mentorB, [{ role: 'mentor', startupId: startupB }]);
  userIds['founder'] = await b.user(emails.founder, [{ role: 'founder', startupId: startupA }]);
  userIds['founderB'] = await b.user(emails.founderB, [{ role: 'founder', startupId: startupB }]);

  const manager = await signIn(platform, emails.manager);
  // Batches are their requester's (and admins'): A's by the manager, B's by the admin.
  const batchOf = async (requester: typeof admin, startupId: string) => {
    // Refused per startup by the state machine: the batch exists, nothing moves.
    const batch = await requester.post<{ batchId: string }>('/api/v1/transitions/bulk', {
      startupIds: [startupId],
      toStage: 'ALUMNI',
    });
    if (batch.status !== 202) throw new Error(`batch: ${JSON.stringify(batch.body)}`);
    return batch.body.batchId;
  };
  const batches = { a: await batchOf(manager, startupA), b: await batchOf(admin, startupB) };
  await platform.drain();

  const transitionOf = (startupId: string) =>
    one(platform, `SELECT id FROM transition WHERE startup_id = $1 ORDER BY requested_at LIMIT 1`, [
      startupId,
    ]);
  const itemOf = (startupId: string) =>
    one(platform, `SELECT id FROM checklist_item WHERE startup_id = $1 LIMIT 1`, [startupId]);
  const founderGrant = (userId: string) =>
    one(platform, `SELECT id FROM role_grant WHERE user_id = $1`, [userId]);

  const tokens = {} as AccessWorld['tokens'];
  for (const actor of MATRIX_ACTORS) {
    if (actor !== 'anonymous') tokens[actor] = await accessToken(platform, emails[actor]);
  }
  return {
    emails,
    userIds,
    structures: { a: structureA, b: structureB },
    programmes: { a: programmeA, b: programmeB },
    startups: { a: startupA, b: startupB },
    transitions: { a: await transitionOf(startupA), b: await transitionOf(startupB) },
    checklistItems: { a: await itemOf(startupA), b: await itemOf(startupB) },
    batches,
    grants: {
      founderA: await founderGrant(userIds['founder']),
      founderB: await founderGrant(userIds['founderB']),
    },
    tokens,
  };
}
