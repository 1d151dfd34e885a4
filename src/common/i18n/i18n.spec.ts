import { languageFromHeader, messageKeys, translate } from './i18n.js';

describe('languageFromHeader', () => {
  it.each([
    ['he', 'he'],
    ['he-IL,he;q=0.9,en-US;q=0.8,en;q=0.7', 'he'],
    ['en-US,en;q=0.9,he;q=0.8', 'en'],
    ['fr-FR, ar;q=0.5, en;q=0.4', 'ar'],
    ['en;q=0.2, he;q=0.9', 'he'],
    ['iw-IL', 'he'],
    ['AR', 'ar'],
  ])('reads %s as %s', (header, expected) => {
    expect(languageFromHeader(header)).toBe(expected);
  });

  it.each([[undefined], [''], ['fr, de'], ['*'], ['he;q=0'], ['he;q=abc'], [';;;,,,'], ['x'.repeat(5000)]])('finds no language in %s', (header) => {
    expect(languageFromHeader(header)).toBeUndefined();
  });
});

describe('translate', () => {
  it('fills placeholders, and shows the key itself when no language has it', () => {
    expect(translate('en', 'home.greeting', { name: 'Dana' })).toContain('Dana');
    expect(translate('en', 'home.greeting', {})).toContain('{name}');
    expect(translate('he', 'no.such.key')).toBe('no.such.key');
  });

  it('never shows an Arabic reader a bare key: what Arabic lacks comes in English', () => {
    const keys = messageKeys('en');
    expect(keys.length).toBeGreaterThan(50);
    expect(keys.filter((key) => translate('ar', key) === key)).toEqual([]);
  });
});
