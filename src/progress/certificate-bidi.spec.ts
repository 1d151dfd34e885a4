import { visualPieces } from './certificate-bidi.js';

const noHebrewPunctuation = (script: string, ch: string) => script === 'latin' || !/[.,()]/.test(ch);

describe('certificate bidi', () => {
  it('leaves a left-to-right line as it is', () => {
    expect(visualPieces('Certificate of completion', 'ltr')).toEqual([{ script: 'latin', text: 'Certificate of completion' }]);
  });

  it('hands a Hebrew line over whole, for the font engine to lay out right to left', () => {
    expect(visualPieces('שרה כהן', 'rtl')).toEqual([{ script: 'hebrew', text: 'שרה כהן' }]);
  });

  it('puts a number on the left of the Hebrew before it in a right-to-left line', () => {
    expect(visualPieces('מחזור 2024', 'rtl')).toEqual([
      { script: 'latin', text: '2024' },
      { script: 'hebrew', text: 'מחזור ' },
    ]);
  });

  it('keeps a Hebrew name as one right-to-left run inside an English line', () => {
    expect(visualPieces('Awarded to שרה כהן.', 'ltr')).toEqual([
      { script: 'latin', text: 'Awarded to ' },
      { script: 'hebrew', text: 'שרה כהן' },
      { script: 'latin', text: '.' },
    ]);
  });

  it('places an English name to the left in a Hebrew line, in its own order', () => {
    expect(visualPieces('הוענקה ל-Sarah Cohen', 'rtl')).toEqual([
      { script: 'latin', text: 'Sarah Cohen' },
      { script: 'hebrew', text: 'הוענקה ל-' },
    ]);
  });

  it('splits punctuation the Hebrew font lacks into its own piece, reversed and mirrored', () => {
    expect(visualPieces('שלום, עולם (בת ים)', 'rtl', noHebrewPunctuation)).toEqual([
      { script: 'latin', text: '(' },
      { script: 'hebrew', text: 'בת ים' },
      { script: 'latin', text: ')' },
      { script: 'hebrew', text: ' עולם ' },
      { script: 'latin', text: ',' },
      { script: 'hebrew', text: 'שלום' },
    ]);
  });

  it('keeps Arabic as an Arabic piece for shaping', () => {
    expect(visualPieces('شهادة إتمام', 'rtl')).toEqual([{ script: 'arabic', text: 'شهادة إتمام' }]);
  });
});
