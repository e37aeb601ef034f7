import { AsyncLocalStorage } from 'node:async_hooks';

/** What every piece of code running on behalf of one HTTP request may want to know. */
export interface RequestContextValues {
  /** The id logged on every line and answered in `x-request-id`. */
  requestId: string;
}

const storage = new AsyncLocalStorage<RequestContextValues>();

/**
 * The current request, carried by AsyncLocalStorage so that deep code (the audit trail) reads
 * the request id without it being threaded through every signature. Outside a request (the
 * worker, a script) there is none.
 */
export const RequestContext = {
  run<T>(values: RequestContextValues, work: () => T): T {
    return storage.run(values, work);
  },
  current(): RequestContextValues | undefined {
    return storage.getStore();
  },
  requestId(): string | null {
    return storage.getStore()?.requestId ?? null;
  },
};

/** The few members of a Fastify request and instance used here (no dependency on fastify). */
interface RawRequestLike {
  id?: unknown;
  headers: Record<string, string | string[] | undefined>;
}
interface FastifyRequestLike {
  raw: RawRequestLike;
}
interface FastifyLike {
  addHook(
    name: 'preHandler',
    hook: (request: FastifyRequestLike, reply: unknown, done: () => void) => void,
  ): unknown;
}

/**
 * The request id of a request: the one the logger gave it (pino-http sets `raw.id` in its
 * middleware, which runs before route handlers), else a valid incoming `x-request-id`.
 */
export function requestIdOfRaw(raw: RawRequestLike): string | null {
  if (typeof raw.id === 'string' && raw.id !== '') return raw.id;
  if (typeof raw.id === 'number') return String(raw.id);
  const header = raw.headers['x-request-id'];
  const value = Array.isArray(header) ? header[0] : header;
  return value || null;
}

/**
 * Runs every route handler inside a RequestContext. A callback-style preHandler hook: Fastify
 * calls the handler from `done`, so the handler (guards, pipes, services) inherits the store;
 * earlier hooks would lose it across body parsing.
 */
export function installRequestContext(fastify: FastifyLike): void {
  fastify.addHook('preHandler', (request, _reply, done) => {
    const requestId = requestIdOfRaw(request.raw);
    if (requestId === null) {
      done();
      return;
    }
    RequestContext.run({ requestId }, done);
  });
}
