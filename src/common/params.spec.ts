import { NotFoundError } from './errors/app-exceptions.js';
import { UuidOr404 } from './params.js';

describe('UuidParam', () => {
  const pipe = new UuidOr404();

  it('passes a UUID through, in lower case', () => {
    expect(pipe.transform('3f2504e0-4f89-11d3-9a0c-0305e82c3301')).toBe('3f2504e0-4f89-11d3-9a0c-0305e82c3301');
    expect(pipe.transform('3F2504E0-4F89-11D3-9A0C-0305E82C3301')).toBe('3f2504e0-4f89-11d3-9a0c-0305e82c3301');
  });

  it.each([
    ['an empty string', ''],
    ['a word', 'new'],
    ['a number', '42'],
    ['a UUID without dashes', '3f2504e04f8911d39a0c0305e82c3301'],
    ['a UUID one digit short', '3f2504e0-4f89-11d3-9a0c-0305e82c330'],
    ['a UUID one digit long', '3f2504e0-4f89-11d3-9a0c-0305e82c33011'],
    ['a UUID with a letter past f', '3f2504e0-4f89-11d3-9a0c-0305e82c330g'],
    ['a UUID with braces', '{3f2504e0-4f89-11d3-9a0c-0305e82c3301}'],
    ['a UUID followed by a newline', '3f2504e0-4f89-11d3-9a0c-0305e82c3301\n'],
    ['SQL', "' OR 1=1 --"],
    ['something very long', '9'.repeat(10000)],
  ])('answers %s with a 404', (_name, value) => {
    expect(() => pipe.transform(value)).toThrow(NotFoundError);
  });

  it('answers a value that is not a string (a repeated parameter) with a 404', () => {
    expect(() => pipe.transform(['3f2504e0-4f89-11d3-9a0c-0305e82c3301'] as unknown as string)).toThrow(NotFoundError);
    expect(() => pipe.transform(undefined as unknown as string)).toThrow(NotFoundError);
  });
});
