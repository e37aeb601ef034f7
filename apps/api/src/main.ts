import 'reflect-metadata';
import { ConfigError, loadConfig } from '@parcours/server-config';
import { createApiApp } from './app/create-api-app';
import { prepareDatabase } from './app/prepare-database';

async function bootstrap(): Promise<void> {
  const config = loadConfig();
  await prepareDatabase(config);
  const app = await createApiApp();
  await app.listen({ port: config.PORT, host: config.HOST });
  app.getHttpServer().on('close', () => undefined);
}

bootstrap().catch((error: unknown) => {
  // A configuration error is the operator's to fix: say which setting, without a stack trace.
  if (error instanceof ConfigError) console.error(error.message);
  else console.error(error);
  process.exit(1);
});
