import {
  Module,
  type DynamicModule,
  type InjectionToken,
  type ModuleMetadata,
  type OptionalFactoryDependency,
} from '@nestjs/common';
import { TypeOrmModule, type TypeOrmModuleOptions } from '@nestjs/typeorm';
import { createDataSourceOptions, type DatabaseConnectionSettings } from './data-source';
import { ENTITIES } from './entities';
import { runMigrations } from './provisioning';

export interface DbModuleOptions extends DatabaseConnectionSettings {
  /**
   * Create the database if needed and apply pending migrations before connecting (demo mode);
   * off by default. Uses `runMigrations`, which is safe when several processes start at once.
   */
  migrationsRun?: boolean;
  /** Connection attempts before start-up fails; @nestjs/typeorm's default is 10, 3 s apart. */
  retryAttempts?: number;
  retryDelayMs?: number;
}

export interface DbModuleAsyncOptions {
  imports?: ModuleMetadata['imports'];
  inject?: (InjectionToken | OptionalFactoryDependency)[];
  // `never[]` accepts a factory of any parameters, as Nest's own `useFactory` does.
  useFactory: (...dependencies: never[]) => DbModuleOptions | Promise<DbModuleOptions>;
}

async function toTypeOrmOptions(options: DbModuleOptions): Promise<TypeOrmModuleOptions> {
  if (options.migrationsRun === true) {
    // Rather than TypeORM's own migrationsRun, which takes no lock.
    await runMigrations(options.url);
  }
  return {
    ...createDataSourceOptions(options),
    retryAttempts: options.retryAttempts,
    retryDelay: options.retryDelayMs,
  };
}

/**
 * The application's DataSource, plus a repository for every entity. Global: feature modules
 * inject `DataSource` or `@InjectRepository(StartupEntity)` without importing anything.
 */
@Module({})
export class DbModule {
  static forRoot(options: DbModuleOptions): DynamicModule {
    return DbModule.forRootAsync({ useFactory: () => options });
  }

  static forRootAsync(options: DbModuleAsyncOptions): DynamicModule {
    return {
      module: DbModule,
      global: true,
      imports: [
        TypeOrmModule.forRootAsync({
          imports: options.imports,
          inject: options.inject,
          useFactory: async (...dependencies: unknown[]) =>
            toTypeOrmOptions(await options.useFactory(...(dependencies as never[]))),
        }),
        TypeOrmModule.forFeature([...ENTITIES]),
      ],
      exports: [TypeOrmModule],
    };
  }
}
