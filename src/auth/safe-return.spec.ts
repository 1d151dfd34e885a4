import { safeReturnPath } from './safe-return.js';

describe('safeReturnPath', () => {
  it('keeps a local path with its query', () => {
    expect(safeReturnPath('/cohorts/1?page=2')).toBe('/cohorts/1?page=2');
  });

  it('resolves dot segments that stay on the site', () => {
    expect(safeReturnPath('/cohorts/../profile')).toBe('/profile');
  });

  it.each(['https://evil.example/', '//evil.example/x', '/\\evil.example', 'javascript:alert(1)', '/%0d%0aSet-Cookie', '', undefined, 42])(
    'refuses %p and goes home instead',
    (value) => {
      const result = safeReturnPath(value);
      expect(result.startsWith('//')).toBe(false);
      expect(result.startsWith('/')).toBe(true);
      if (typeof value !== 'string' || !value.startsWith('/%0d')) expect(result).toBe('/');
    },
  );

  it.each([
    '/..//evil.example/x',
    '/.//evil.example/x',
    '/%2e%2e//evil.example/x',
    '/.%2e//evil.example/x',
    '/%2E%2E//evil.example/x',
    '/a/..//evil.example/x',
  ])('refuses %p, whose dot segments resolve to another host', (value) => {
    expect(safeReturnPath(value)).toBe('/');
    expect(safeReturnPath(value, '')).toBe('');
  });
});
