import { setTimeout as sleep } from 'node:timers/promises';
import Fastify from 'fastify';
import { RequestContext, installRequestContext, requestIdOfRaw } from './request-context';

describe('RequestContext', () => {
  it('is empty outside a request and scoped to the work it runs', async () => {
    expect(RequestContext.requestId()).toBeNull();
    const seen = await RequestContext.run({ requestId: 'req-1' }, async () => {
      await sleep(1);
      return RequestContext.requestId();
    });
    expect(seen).toBe('req-1');
    expect(RequestContext.current()).toBeUndefined();
  });

  it('prefers the id the logger gave the request over the incoming header', () => {
    expect(requestIdOfRaw({ id: 'from-logger', headers: { 'x-request-id': 'from-header' } })).toBe(
      'from-logger',
    );
    expect(requestIdOfRaw({ headers: { 'x-request-id': ['first', 'second'] } })).toBe('first');
    expect(requestIdOfRaw({ headers: {} })).toBeNull();
  });

  describe('in a Fastify application', () => {
    const app = Fastify();

    beforeAll(async () => {
      // Stands in for pino-http, which names each request in a middleware before the handlers.
      app.addHook('onRequest', (request, _reply, done) => {
        const header = request.headers['x-request-id'];
        Object.assign(request.raw, {
          id: typeof header === 'string' ? `logged-${header}` : 'none',
        });
        done();
      });
      installRequestContext(app);
      app.post('/echo', async (request) => {
        // Across a timer and after the body was parsed: the store must survive both.
        await sleep(5);
        return { requestId: RequestContext.requestId(), body: request.body };
      });
      await app.ready();
    });
    afterAll(() => app.close());

    it('gives each handler the id of its own request, also for concurrent requests', async () => {
      const responses = await Promise.all(
        ['a', 'b', 'c'].map((id) =>
          app.inject({
            method: 'POST',
            url: '/echo',
            headers: { 'x-request-id': id },
            payload: { id },
          }),
        ),
      );

      expect(responses.map((response) => response.json())).toEqual([
        { requestId: 'logged-a', body: { id: 'a' } },
        { requestId: 'logged-b', body: { id: 'b' } },
        { requestId: 'logged-c', body: { id: 'c' } },
      ]);
    });
  });
});
