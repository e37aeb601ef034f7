import { Injectable, Module } from '@nestjs/common';
import { Test, type TestingModule } from '@nestjs/testing';
import { InjectRepository } from '@nestjs/typeorm';
import { DataSource, Repository } from 'typeorm';
import { createTestDatabase } from '../test-support/test-database';
import { DbModule } from './db.module';
import { databaseNameOf } from './database-url';
import { StartupEntity } from './entities';
import { MIGRATIONS } from './migrations';
import { dropDatabase } from './provisioning';
import type { ScratchDatabase } from './scratch-database';

@Injectable()
class StartupCounter {
  constructor(
    @InjectRepository(StartupEntity) private readonly startups: Repository<StartupEntity>,
  ) {}

  count(): Promise<number> {
    return this.startups.count();
  }
}

/** A feature module that imports nothing: DbModule is global. */
@Module({ providers: [StartupCounter] })
class StartupsFeatureModule {}

const DATABASE_URL = Symbol('DATABASE_URL');

@Module({
  providers: [{ provide: DATABASE_URL, useFactory: () => currentUrl }],
  exports: [DATABASE_URL],
})
class FakeConfigModule {}

let currentUrl = '';

describe('DbModule', () => {
  let db: ScratchDatabase;
  let moduleRef: TestingModule | undefined;

  beforeAll(async () => {
    db = await createTestDatabase();
    currentUrl = db.url;
  });
  afterEach(async () => {
    await moduleRef?.close();
    moduleRef = undefined;
  });
  afterAll(() => db.drop());

  it('gives feature modules repositories and a DataSource that never synchronises', async () => {
    moduleRef = await Test.createTestingModule({
      imports: [DbModule.forRoot({ url: db.url, retryAttempts: 1 }), StartupsFeatureModule],
    }).compile();
    await moduleRef.init();

    await expect(moduleRef.get(StartupCounter).count()).resolves.toBe(0);
    const dataSource = moduleRef.get(DataSource);
    expect(dataSource.isInitialized).toBe(true);
    expect(dataSource.options).toMatchObject({ synchronize: false, migrationsRun: false });
  });

  it('creates and migrates a missing database when asked to run migrations', async () => {
    const serverUrl = new URL(db.url);
    serverUrl.pathname = `/${databaseNameOf(db.url)}_fresh`;
    const freshUrl = serverUrl.toString();
    try {
      moduleRef = await Test.createTestingModule({
        imports: [DbModule.forRoot({ url: freshUrl, migrationsRun: true, retryAttempts: 1 })],
      }).compile();
      await moduleRef.init();

      const applied: unknown[] = await moduleRef.get(DataSource).query('SELECT * FROM migrations');
      expect(applied).toHaveLength(MIGRATIONS.length);
    } finally {
      await moduleRef?.close();
      moduleRef = undefined;
      await dropDatabase(freshUrl, databaseNameOf(freshUrl));
    }
  });

  it('reads its settings from injected providers', async () => {
    moduleRef = await Test.createTestingModule({
      imports: [
        DbModule.forRootAsync({
          imports: [FakeConfigModule],
          inject: [DATABASE_URL],
          useFactory: (url: string) => ({ url, applicationName: 'db-module-test' }),
        }),
      ],
    }).compile();
    await moduleRef.init();

    const [{ application_name }] = await moduleRef
      .get(DataSource)
      .query(`SELECT current_setting('application_name') AS application_name`);
    expect(application_name).toBe('db-module-test');
  });
});
