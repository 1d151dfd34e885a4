import { safeFileName } from './file-names.js';

describe('safeFileName', () => {
  it.each([
    ['invoice\u202Efdp.exe.pdf', 'invoicefdp.exe.pdf'],
    ['a\u2066b\u2067c\u2068d\u2069.pdf', 'abcd.pdf'],
    ['\u202Aleft\u202B\u202Cright\u202D.png', 'leftright.png'],
    ['zero\u200Bwidth\u200C\u200D\u200E\u200F.docx', 'zerowidth.docx'],
    ['\uFEFFbom.pdf', 'bom.pdf'],
    ['علامة\u061C.pdf', 'علامة.pdf'],
    ['soft\u00ADhyphen.pdf', 'softhyphen.pdf'],
    ['line\u2028break\u2029.pdf', 'linebreak.pdf'],
    ['c1\u0085control\u009B.pdf', 'c1control.pdf'],
    ['tab\tnew\nline\r.pdf', 'tabnewline.pdf'],
    ['quote".pdf', 'quote.pdf'],
    ['lone\uD800surrogate.pdf', 'lonesurrogate.pdf'],
  ])('strips what is unseen or unsafe from %j', (name, expected) => {
    expect(safeFileName(name)).toBe(expected);
  });

  it('keeps Hebrew and Arabic names, in NFC', () => {
    expect(safeFileName('ציור.png')).toBe('ציור.png');
    expect(safeFileName('أمل حداد.docx')).toBe('أمل حداد.docx');
    expect(safeFileName('cafe\u0301.pdf')).toBe('caf\u00e9.pdf');
  });

  it('keeps only the last path segment, from either kind of slash', () => {
    expect(safeFileName('C:\\Users\\dana\\plan.pdf')).toBe('plan.pdf');
    expect(safeFileName('../../etc/passwd')).toBe('passwd');
  });

  it('keeps the end of a long name, which holds the extension, without cutting a character in two', () => {
    const name = `${'😀'.repeat(300)}.pdf`;
    const safe = safeFileName(name);
    expect(Array.from(safe)).toHaveLength(200);
    expect(safe.endsWith('.pdf')).toBe(true);
    expect(safe).toBe(`${'😀'.repeat(196)}.pdf`);
  });

  it('gives a name to a name that was nothing but unseen characters', () => {
    expect(safeFileName('\u202E\u200B')).toBe('file');
    expect(safeFileName('   ')).toBe('file');
  });
});
