import { validationProblem } from '@parcours/server-http';
import type { FastifyInstance } from 'fastify';

/**
 * Keys that reshape an object's prototype when a body is copied or transformed into a DTO.
 * Fastify's JSON parser already refuses `__proto__` and `constructor.prototype`; a bare
 * `constructor` passes it and slips through the validation pipe's whitelist (class-validator
 * does not list it as an unknown property), so it is refused here, wherever it is nested.
 */
const PROTOTYPE_KEYS = new Set(['__proto__', 'constructor']);

/** The path of the first prototype key in a parsed body, or null. Iterative: depth is unbounded. */
export function prototypeKeyPath(body: unknown): string | null {
  const pending: { value: unknown; path: string }[] = [{ value: body, path: '' }];
  while (pending.length > 0) {
    const { value, path } = pending.pop() as { value: unknown; path: string };
    if (typeof value !== 'object' || value === null) continue;
    for (const key of Object.keys(value)) {
      const childPath = path ? `${path}.${key}` : key;
      if (PROTOTYPE_KEYS.has(key)) return childPath;
      pending.push({ value: (value as Record<string, unknown>)[key], path: childPath });
    }
  }
  return null;
}

/** Answers 400 naming the key before any handler sees such a body. */
export function refusePrototypeKeys(fastify: FastifyInstance): void {
  fastify.addHook('preValidation', async (request) => {
    const path = prototypeKeyPath(request.body);
    if (path !== null) throw validationProblem([{ path, message: 'forbidden property name' }]);
  });
}
