/*
 * Rebuilds the analytics roll-ups of DATABASE_URL from the raw history (stage_stay, startup,
 * transition). Run from the root: `npx nx run server-analytics:rebuild`, or without Nx:
 *   TS_NODE_PROJECT=libs/server/analytics/tsconfig.lib.json TS_NODE_BASEURL=../../.. TS_NODE_TRANSPILE_ONLY=true \
 *     node -r ts-node/register -r tsconfig-paths/register libs/server/analytics/src/cli/rebuild.ts
 * Needed after history is written behind the workflow's back in bulk; small writes are caught
 * by the staleness marks at the next read anyway.
 */
import { createDataSource, redactPassword } from '@parcours/server-db';
import { rebuildAnalytics, vacuumAnalytics } from '../lib/rollups/rollups';

const DEFAULT_DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/parcours';

async function main(): Promise<void> {
  const url = process.env['DATABASE_URL'] || DEFAULT_DATABASE_URL;
  const dataSource = createDataSource({ url, poolSize: 1, applicationName: 'parcours-analytics' });
  await dataSource.initialize();
  try {
    const startedAt = performance.now();
    const stays = await dataSource.transaction((em) => rebuildAnalytics(em));
    await vacuumAnalytics(dataSource);
    const seconds = ((performance.now() - startedAt) / 1000).toFixed(1);
    console.log(
      `Rebuilt the analytics roll-ups of ${redactPassword(url)}: ${stays} stays in ${seconds} s.`,
    );
  } finally {
    await dataSource.destroy();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
