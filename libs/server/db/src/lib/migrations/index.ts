import type { MigrationInterface } from 'typeorm';
import { InitialSchema1764115200000 } from './1764115200000-initial-schema';
import { BulkMoveOutboxEvent1795669500000 } from './1795669500000-bulk-move-outbox-event';

export type MigrationClass = new () => MigrationInterface & { name: string };

/** Every migration, oldest first. Append new ones; never edit or reorder applied ones. */
export const MIGRATIONS: readonly MigrationClass[] = [InitialSchema1764115200000];
