import { ACCESS_MATRIX, type CellContext, type Row, type Target } from './support/access-matrix';
import {
  MATRIX_ACTORS,
  accessToken,
  buildAccessWorld,
  type AccessWorld,
  type MatrixActor,
} from './support/access-scenario';
import { request } from './support/http';
import { startPlatform, type Platform } from './support/platform';

const METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;

interface OpenApiDocument {
  paths: Record<string, Partial<Record<(typeof METHODS)[number], unknown>>>;
}

/** `METHOD /path/{param}` of every operation the API documents: its own route table. */
function routesOf(document: OpenApiDocument): string[] {
  return Object.entries(document.paths).flatMap(([path, operations]) =>
    METHODS.filter((method) => operations[method] !== undefined).map(
      (method) => `${method.toUpperCase()} ${path}`,
    ),
  );
}

describe('access matrix: every route × every role, own and other objects', () => {
  let platform: Platform;
  let world: AccessWorld;
  let routes: string[];

  beforeAll(async () => {
    platform = await startPlatform();
    world = await buildAccessWorld(platform);
    const docs = await request(platform.baseUrl, 'GET', '/api/docs-json');
    const undocumented = Object.entries(ACCESS_MATRIX)
      .filter(([, access]) => access.undocumented)
      .map(([route]) => route);
    routes = [...routesOf(docs.body as OpenApiDocument), ...undocumented].sort();
  });

  afterAll(async () => {
    await platform?.stop();
  });

  it('has an entry for every route of the API, and none for a route that is gone', () => {
    expect(routes.length).toBeGreaterThan(40);
    const documented = new Set(routes);
    // A route here was added to the API: give it a row in support/access-matrix.ts.
    expect(routes.filter((route) => !(route in ACCESS_MATRIX))).toEqual([]);
    expect(Object.keys(ACCESS_MATRIX).filter((route) => !documented.has(route))).toEqual([]);
  });

  it('answers every cell with its expected status, and never shows out-of-scope rows', async () => {
    // What the manager, the mentor and the founder of A must never read: B's world.
    const foreign = [
      world.startups.b,
      world.transitions.b,
      world.checklistItems.b,
      world.batches.b,
      world.userIds['founderB'],
      world.userIds['mentorB'],
    ];
    const scoped = new Set<MatrixActor>(['manager', 'mentor', 'founder']);
    const mismatches: string[] = [];
    const leaks: string[] = [];
    let counter = 0;
    let cells = 0;

    for (const route of routes) {
      const access = ACCESS_MATRIX[route];
      if (!access) continue;
      const [method, template] = route.split(' ');
      const targets: Target[] = Array.isArray(access.expect) ? ['own'] : ['own', 'other'];
      for (const target of targets) {
        const row: Row = Array.isArray(access.expect)
          ? (access.expect as Row)
          : (access.expect as { own: Row; other: Row })[target];
        for (const [index, actor] of MATRIX_ACTORS.entries()) {
          counter += 1;
          const cell: CellContext = { world, platform, target, unique: `${counter}` };
          const params = access.params ? await access.params(cell) : {};
          const path =
            template.replace(/\{(\w+)\}/g, (_match, name: string) => {
              const value = params[name];
              if (value === undefined) throw new Error(`${route}: no value for {${name}}`);
              return value;
            }) + (access.query ?? '');
          const token =
            actor === 'anonymous'
              ? undefined
              : access.freshSession
                ? await accessToken(platform, world.emails[actor])
                : world.tokens[actor];
          const response = await request(platform.baseUrl, method, path, {
            token,
            body: access.body?.(cell),
            headers: access.headers,
          });
          cells += 1;
          if (response.status !== row[index]) {
            mismatches.push(
              `${route} [${target}] as ${actor}: ${response.status}, expected ${row[index]}`,
            );
          }
          if (method === 'GET' && response.status === 200 && scoped.has(actor)) {
            const text = JSON.stringify(response.body);
            const seen = foreign.filter((id) => text.includes(id));
            if (seen.length > 0) leaks.push(`${route} [${target}] as ${actor} shows ${seen}`);
          }
        }
      }
    }
    expect(mismatches).toEqual([]);
    expect(leaks).toEqual([]);
    expect(cells).toBeGreaterThan(300);
  });
});
