import { Injectable, type OnModuleInit, SetMetadata } from '@nestjs/common';
import { DiscoveryService, MetadataScanner } from '@nestjs/core';
import { JOBS, type JobName } from '@parcours/contracts';
import type { Job } from 'bullmq';

const JOB_HANDLER = 'parcours:job-handler';

/** Marks a service method as THE handler of one job name. The worker is a thin adapter over it. */
export const JobHandler = (name: JobName) => SetMetadata(JOB_HANDLER, name);

export type JobHandlerFn = (job: Job) => Promise<unknown>;

export class JobRegistryError extends Error {}

/**
 * Pure check: every job name has exactly one handler. Returns the problems, empty when fine.
 * (Taken from immich: a job nobody handles, or two handlers racing, is a start-up error.)
 */
export function checkExactlyOneHandler(
  expected: readonly string[],
  found: readonly string[],
): string[] {
  const problems: string[] = [];
  for (const name of expected) {
    const count = found.filter((f) => f === name).length;
    if (count === 0) problems.push(`job "${name}" has no handler`);
    if (count > 1) problems.push(`job "${name}" has ${count} handlers`);
  }
  for (const name of new Set(found)) {
    if (!expected.includes(name)) problems.push(`handler for unknown job "${name}"`);
  }
  return problems;
}

@Injectable()
export class JobHandlerRegistry implements OnModuleInit {
  private readonly handlers = new Map<string, JobHandlerFn>();

  constructor(
    private readonly discovery: DiscoveryService,
    private readonly scanner: MetadataScanner,
  ) {}

  onModuleInit(): void {
    const found: string[] = [];
    for (const wrapper of this.discovery.getProviders()) {
      const instance: unknown = wrapper.instance;
      if (!instance || typeof instance !== 'object') continue;
      const prototype = Object.getPrototypeOf(instance) as object;
      for (const methodName of this.scanner.getAllMethodNames(prototype)) {
        const method = (prototype as Record<string, unknown>)[methodName];
        if (typeof method !== 'function') continue;
        const name = Reflect.getMetadata(JOB_HANDLER, method) as string | undefined;
        if (!name) continue;
        found.push(name);
        this.handlers.set(name, (job: Job) => method.call(instance, job) as Promise<unknown>);
      }
    }
    const problems = checkExactlyOneHandler(Object.values(JOBS), found);
    if (problems.length > 0) {
      throw new JobRegistryError(`Refusing to start: ${problems.join('; ')}`);
    }
  }

  async dispatch(job: Job): Promise<unknown> {
    const handler = this.handlers.get(job.name);
    if (!handler) throw new JobRegistryError(`no handler for job "${job.name}"`);
    return handler(job);
  }
}
