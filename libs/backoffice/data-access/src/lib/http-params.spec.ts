import { toHttpParams } from './http-params';

describe('toHttpParams', () => {
  it('keeps given values and drops empty ones', () => {
    const params = toHttpParams({
      stage: 'NURSERY',
      limit: 50,
      territory: undefined,
      domain: null,
      q: '',
    });

    expect(params.toString()).toBe('stage=NURSERY&limit=50');
  });

  it('keeps zero, which is a value and not an absence', () => {
    expect(toHttpParams({ limit: 0 }).get('limit')).toBe('0');
  });
});
