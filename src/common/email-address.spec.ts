import { normaliseEmail } from './email-address.js';

describe('normaliseEmail', () => {
  it('lower-cases and trims', () => {
    expect(normaliseEmail('  Dana.Levi@School.TEST ')).toBe('dana.levi@school.test');
  });

  it('reads a dotted capital İ as i, as PostgreSQL does, whether composed or decomposed', () => {
    expect(normaliseEmail('dİna@school.test')).toBe('dina@school.test');
    expect(normaliseEmail('dI\u0307na@school.test')).toBe('dina@school.test');
    expect(normaliseEmail('di\u0307na@school.test')).toBe('dina@school.test');
  });

  it('keeps ß a letter of its own, and lower-cases the capital ẞ to it', () => {
    expect(normaliseEmail('STRAẞE@school.test')).toBe('straße@school.test');
    expect(normaliseEmail('straße@school.test')).toBe('straße@school.test');
    expect(normaliseEmail('STRASSE@school.test')).toBe('strasse@school.test');
  });

  it('reads full-width letters and signs as their plain forms', () => {
    expect(normaliseEmail('ｄａｎａ＠ｓｃｈｏｏｌ．ｔｅｓｔ')).toBe('dana@school.test');
  });

  it('gives one form for composed (NFC) and decomposed (NFD) accents', () => {
    const composed = 'ren\u00e9@école.test';
    expect(normaliseEmail(composed.normalize('NFD'))).toBe(normaliseEmail(composed.normalize('NFC')));
    expect(normaliseEmail('RENE\u0301@ÉCOLE.TEST')).toBe('ren\u00e9@\u00e9cole.test');
  });

  it('drops the trailing dots of a fully qualified domain, and only there', () => {
    expect(normaliseEmail('dana@school.test.')).toBe('dana@school.test');
    expect(normaliseEmail('dana@school.test..')).toBe('dana@school.test');
    expect(normaliseEmail('dana.@school.test')).toBe('dana.@school.test');
  });

  it('lower-cases a capital sigma as σ wherever it stands, as PostgreSQL does', () => {
    expect(normaliseEmail('ΟΔΟΣ@school.test')).toBe('οδοσ@school.test');
  });

  it('leaves Hebrew and Arabic as they are', () => {
    expect(normaliseEmail('דנה@בית-ספר.test')).toBe('דנה@בית-ספר.test');
    expect(normaliseEmail('دانة@مدرسة.test')).toBe('دانة@مدرسة.test');
  });

  it.each(['dİna@School.test.', 'ｄａｎａ＠ｓｃｈｏｏｌ．ｔｅｓｔ', 'RENE\u0301@ÉCOLE.TEST', ' a@b.\t. ', 'ǅemal@school.test'])(
    'is idempotent on %p',
    (raw) => {
      const once = normaliseEmail(raw);
      expect(normaliseEmail(once)).toBe(once);
    },
  );
});
