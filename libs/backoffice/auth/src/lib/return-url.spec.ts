import { safeReturnUrl } from './return-url';

describe('safeReturnUrl', () => {
  it.each([
    ['/tableau?territory=ROUEN', '/tableau?territory=ROUEN'],
    ['/decisions', '/decisions'],
    [undefined, '/'],
    [null, '/'],
    ['', '/'],
    ['https://evil.example/', '/'],
    ['//evil.example/path', '/'],
    ['/\\evil.example', '/'],
    ['javascript:alert(1)', '/'],
    ['/connexion', '/'],
    ['/connexion?returnUrl=%2Ftableau', '/'],
  ])('turns %p into %p', (candidate, expected) => {
    expect(safeReturnUrl(candidate)).toBe(expected);
  });
});
