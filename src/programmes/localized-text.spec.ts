import { languageStatuses } from './localized-text.js';

describe('where a text stands in each language', () => {
  it('marks the original, a translation made from its current version, one made from an earlier version, and a missing one', () => {
    expect(
      languageStatuses('he', 3, [
        { language: 'en', sourceVersion: 3 },
        { language: 'ar', sourceVersion: 2 },
      ]),
    ).toEqual([
      { language: 'he', status: 'original' },
      { language: 'ar', status: 'outOfDate' },
      { language: 'en', status: 'upToDate' },
    ]);
    expect(languageStatuses('ar', 1, [])).toEqual([
      { language: 'he', status: 'missing' },
      { language: 'ar', status: 'original' },
      { language: 'en', status: 'missing' },
    ]);
  });
});
