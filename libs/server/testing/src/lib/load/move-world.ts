import type { TestDatabase } from '../db';
import { Builders, TEST_PASSWORD } from '../builders/builders';

/**
 * What the load tools (`npm run bench`, `npm run scale-out`, `npm run rolling-restart`) move
 * startups in: an incubator, a nursery programme with a checklist to move into, and their
 * manager (`managerEmail`, password TEST_PASSWORD).
 */
export async function seedMoveWorld(db: TestDatabase, managerEmail: string) {
  const builders = new Builders(db.dataSource);
  const incubator = await builders.structure('Incubateur Rouen', 'INCUBATOR', 'ROUEN');
  const nurseryStructure = await builders.structure(
    'Pépinière Seine Innopolis',
    'NURSERY',
    'ROUEN',
  );
  const nursery = await builders.programme(nurseryStructure, 'NURSERY', {
    name: 'Pépinière Rouen',
    reviewIntervalDays: 60,
    checklist: [
      { key: 'bail', title: 'Convention d’hébergement', required: true },
      { key: 'kbis', title: 'Kbis', required: false },
    ],
  });
  await builders.user(managerEmail, [
    { role: 'manager', structureId: incubator },
    { role: 'manager', structureId: nurseryStructure },
  ]);
  return { incubator, nurseryStructure, nursery, managerEmail };
}

export type MoveWorld = Awaited<ReturnType<typeof seedMoveWorld>>;

export interface HttpAnswer<T = unknown> {
  status: number;
  body: T;
}

/** One HTTP call; the body read as JSON when it is JSON, as text otherwise. */
export async function call<T = Record<string, unknown>>(
  baseUrl: string,
  method: string,
  path: string,
  token?: string,
  body?: unknown,
  contentType = 'application/json',
): Promise<HttpAnswer<T>> {
  const response = await fetch(`${baseUrl}${path}`, {
    method,
    headers: {
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(body !== undefined ? { 'content-type': contentType } : {}),
    },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await response.text();
  let parsed: unknown = text;
  try {
    parsed = text ? JSON.parse(text) : null;
  } catch {
    // not JSON: kept as text for the error message
  }
  return { status: response.status, body: parsed as T };
}

/** An access token for a user made by the Builders (password TEST_PASSWORD). */
export async function signIn(baseUrl: string, email: string): Promise<string> {
  const answer = await call<{ accessToken: string }>(
    baseUrl,
    'POST',
    '/api/v1/auth/login',
    undefined,
    { email, password: TEST_PASSWORD },
  );
  if (answer.status !== 200) throw new Error(`sign-in of ${email}: ${answer.status}`);
  return answer.body.accessToken;
}
