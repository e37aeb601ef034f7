import { checklistKey } from './programmes-page';

describe('checklistKey', () => {
  it('derives a key from the title: no accents, lowercase, dashes', () => {
    expect(checklistKey("Convention d'hébergement signée")).toBe('convention-d-hebergement-signee');
    expect(checklistKey('  Kbis  ')).toBe('kbis');
    expect(checklistKey('!!!')).toBe('item');
  });
});
