import { DEMO_ID_NAMESPACE, demoId, uuidV5 } from './demo-id';

describe('uuidV5', () => {
  it('matches the RFC 9562 algorithm (www.example.com in the DNS namespace)', () => {
    expect(uuidV5('www.example.com', '6ba7b810-9dad-11d1-80b4-00c04fd430c8')).toBe(
      '2ed6657d-e927-568b-95e1-2665a8aea6a2',
    );
  });

  it('marks the id as version 5, RFC variant', () => {
    const id = uuidV5('anything');
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it('refuses a namespace that is not a UUID', () => {
    expect(() => uuidV5('name', 'not-a-uuid')).toThrow('Not a UUID');
  });

  it('depends on the namespace', () => {
    expect(uuidV5('name', DEMO_ID_NAMESPACE)).not.toBe(
      uuidV5('name', '6ba7b810-9dad-11d1-80b4-00c04fd430c8'),
    );
  });
});

describe('demoId', () => {
  it('gives the same id for the same kind and key, on every call', () => {
    expect(demoId('startup', 17)).toBe(demoId('startup', 17));
    expect(demoId('startup', 17)).toBe(uuidV5('startup:17'));
  });

  it('gives distinct ids for distinct keys', () => {
    const ids = new Set(
      Array.from({ length: 1_000 }, (_, i) => demoId('transition', Math.floor(i / 10), i % 10)),
    );
    expect(ids.size).toBe(1_000);
    expect(demoId('startup', 1)).not.toBe(demoId('stay', 1));
  });
});
