import { NO_ACCESS_PATH, landingPathFor, navigationFor } from './navigation';

const paths = (roles: Parameters<typeof navigationFor>[0]): string[] =>
  navigationFor(roles).map((entry) => entry.path);

describe('navigation', () => {
  it('gives managers the board, the decision inbox and the applications', () => {
    expect(paths(['manager'])).toEqual(['tableau', 'decisions', 'candidatures', 'hebergement']);
  });

  it('gives admins everything a manager has, plus administration', () => {
    expect(paths(['admin'])).toEqual([
      'tableau',
      'decisions',
      'candidatures',
      'hebergement',
      'administration',
    ]);
  });

  it('gives mentors, founders and funders their own space only', () => {
    expect(paths(['mentor'])).toEqual(['mentorat']);
    expect(paths(['founder'])).toEqual(['ma-startup']);
    expect(paths(['funder'])).toEqual(['financeurs']);
  });

  it('adds up the spaces of several roles, each once, in menu order', () => {
    expect(paths(['mentor', 'manager'])).toEqual([
      'tableau',
      'decisions',
      'candidatures',
      'hebergement',
      'mentorat',
    ]);
    expect(paths(['admin', 'manager'])).toEqual([
      'tableau',
      'decisions',
      'candidatures',
      'hebergement',
      'administration',
    ]);
  });

  it('lands people on their first space', () => {
    expect(landingPathFor(['manager'])).toBe('tableau');
    expect(landingPathFor(['funder'])).toBe('financeurs');
    expect(landingPathFor(['founder', 'mentor'])).toBe('mentorat');
    expect(landingPathFor([])).toBe(NO_ACCESS_PATH);
  });
});
