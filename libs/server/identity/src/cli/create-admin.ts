/*
 * Creates an administrator: the first one outside demo mode, where nobody can sign in yet.
 * Run from the workspace root (Node 24 first on the PATH); the password comes from
 * PARCOURS_ADMIN_PASSWORD or from standard input, never from the command line (shell history):
 *
 *   PARCOURS_ADMIN_PASSWORD='…' npx nx run server-identity:create-admin -- --email ada@example.fr --name "Ada L."
 *   npx nx run server-identity:create-admin -- --email ada@example.fr   # asks for it on a terminal
 *
 * Without Nx (e.g. in a container, stdin piped):
 *   TS_NODE_PROJECT=libs/server/identity/tsconfig.lib.json TS_NODE_BASEURL=../../.. TS_NODE_TRANSPILE_ONLY=true \
 *     node -r ts-node/register -r tsconfig-paths/register libs/server/identity/src/cli/create-admin.ts --email …
 *
 * Applies pending migrations to DATABASE_URL first. An e-mail already in use is refused, unless
 * --promote: then that account receives the admin role and keeps its password. The new admin
 * enrols an authenticator at the first sign-in (MFA is required for admins outside demo mode).
 */
import 'reflect-metadata';
import { parseArgs } from 'node:util';
import { AUDIT_ACTIONS, AUDIT_ENTITY_TYPES } from '@parcours/contracts';
import { recordAudit } from '@parcours/server-audit';
import { createDataSource, redactPassword, runMigrations } from '@parcours/server-db';
import { PasswordHasher } from '../lib/password-hasher';
import { passwordProblems } from '../lib/passwords/password-policy';

const DEFAULT_DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/parcours';
const PASSWORD_VARIABLE = 'PARCOURS_ADMIN_PASSWORD';

class UsageError extends Error {}

async function readPassword(): Promise<string> {
  const fromEnvironment = process.env[PASSWORD_VARIABLE];
  if (fromEnvironment) return fromEnvironment;
  if (process.stdin.isTTY) return promptHidden('Password (not shown): ');
  let text = '';
  for await (const chunk of process.stdin) text += String(chunk);
  return text.split(/\r?\n/)[0] ?? '';
}

/** Reads a line from the terminal without echoing it. */
function promptHidden(question: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const stdin = process.stdin;
    let typed = '';
    process.stdout.write(question);
    stdin.setRawMode(true);
    stdin.resume();
    stdin.setEncoding('utf8');
    const onData = (key: string) => {
      for (const character of key) {
        if (character === '\r' || character === '\n') {
          stdin.setRawMode(false);
          stdin.pause();
          stdin.off('data', onData);
          process.stdout.write('\n');
          resolve(typed);
          return;
        }
        if (character === '\u0003') {
          stdin.setRawMode(false);
          reject(new UsageError('cancelled'));
          return;
        }
        typed = character === '\u007f' ? typed.slice(0, -1) : typed + character;
      }
    };
    stdin.on('data', onData);
  });
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      email: { type: 'string' },
      name: { type: 'string' },
      promote: { type: 'boolean', default: false },
    },
  });
  const email = values.email?.trim();
  if (!email || !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(email)) {
    throw new UsageError('--email <address> is required (and must be an e-mail address)');
  }
  const displayName = values.name?.trim() || email.split('@')[0];
  const url = process.env['DATABASE_URL'] || DEFAULT_DATABASE_URL;

  await runMigrations(url);
  const dataSource = createDataSource({
    url,
    poolSize: 1,
    applicationName: 'parcours-create-admin',
  });
  await dataSource.initialize();
  try {
    const [existing]: { id: string }[] = await dataSource.query(
      `SELECT id FROM app_user WHERE lower(email) = lower($1)`,
      [email],
    );
    if (existing && !values.promote) {
      throw new UsageError(`${email} already has an account: add --promote to make it an admin`);
    }
    let passwordHash: string | null = null;
    if (!existing) {
      const password = await readPassword();
      const problems = passwordProblems(password, { email, displayName });
      if (problems.length > 0) throw new UsageError(`The password ${problems.join('; ')}.`);
      passwordHash = await new PasswordHasher().hash(password);
    }
    const userId = await dataSource.transaction(async (em) => {
      let id = existing?.id;
      if (!id) {
        const [created]: { id: string }[] = await em.query(
          `INSERT INTO app_user (email, display_name, password_hash) VALUES ($1, $2, $3) RETURNING id`,
          [email, displayName, passwordHash],
        );
        id = created.id;
        await recordAudit(em, {
          action: AUDIT_ACTIONS.userCreated,
          entityType: AUDIT_ENTITY_TYPES.user,
          entityId: id,
          actorId: null,
          after: { email, displayName, passwordSet: true, via: 'create-admin' },
          requestId: null,
        });
      }
      const granted: { id: string }[] = await em.query(
        `INSERT INTO role_grant (user_id, role, scope)
         SELECT $1, 'admin', 'GLOBAL'
          WHERE NOT EXISTS (SELECT 1 FROM role_grant WHERE user_id = $1 AND role = 'admin' AND scope = 'GLOBAL')
         RETURNING id`,
        [id],
      );
      if (granted[0]) {
        await recordAudit(em, {
          action: AUDIT_ACTIONS.userRoleGranted,
          entityType: AUDIT_ENTITY_TYPES.roleGrant,
          entityId: granted[0].id,
          actorId: null,
          after: { userId: id, role: 'admin', scope: 'GLOBAL', via: 'create-admin' },
          requestId: null,
        });
      }
      return id;
    });
    console.log(
      `${existing ? 'Promoted' : 'Created'} administrator ${email} (${userId}) in ${redactPassword(url)}. ` +
        'At the first sign-in they enrol an authenticator app.',
    );
  } finally {
    await dataSource.destroy();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
