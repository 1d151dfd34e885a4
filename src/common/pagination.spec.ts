import { BadRequestError } from './errors/app-exceptions.js';
import { DEFAULT_PAGE_SIZE, MAX_PAGE, pageRequest, pageView } from './pagination.js';

describe('pageRequest', () => {
  it('starts at the first page when none is asked for', () => {
    expect(pageRequest(undefined)).toEqual({ page: 1, size: DEFAULT_PAGE_SIZE, offset: 0 });
    expect(pageRequest('')).toEqual({ page: 1, size: DEFAULT_PAGE_SIZE, offset: 0 });
  });

  it('turns a page number into an offset', () => {
    expect(pageRequest('3', 20)).toEqual({ page: 3, size: 20, offset: 40 });
    expect(pageRequest(String(MAX_PAGE), 10)).toEqual({ page: MAX_PAGE, size: 10, offset: (MAX_PAGE - 1) * 10 });
  });

  it.each([
    ['a number past the last allowed page', String(MAX_PAGE + 1)],
    ['a number too large for any integer type', '99999999999999999999'],
    ['zero', '0'],
    ['a negative number', '-1'],
    ['a fraction', '1.5'],
    ['exponent notation', '1e3'],
    ['hexadecimal', '0x10'],
    ['a word', 'last'],
    ['Infinity', 'Infinity'],
    ['spaces', ' 2 '],
  ])('refuses %s with a 400', (_name, raw) => {
    expect(() => pageRequest(raw)).toThrow(BadRequestError);
  });

  it('refuses a repeated parameter (a list) and an object', () => {
    expect(() => pageRequest(['1', '2'])).toThrow(BadRequestError);
    expect(() => pageRequest({ a: '1' })).toThrow(BadRequestError);
    expect(() => pageRequest(2)).toThrow(BadRequestError);
  });
});

describe('pageView', () => {
  it('links to the neighbouring pages and keeps the other query parameters', () => {
    const view = pageView(['x'], 120, pageRequest('2', 50), '/cohorts', { q: 'bat yam', status: 'active', page: '2', empty: '' });
    expect(view).toMatchObject({ page: 2, pages: 3, total: 120, hasPrevious: true, hasNext: true });
    expect(view.previousHref).toBe('/cohorts?q=bat+yam&status=active');
    expect(view.nextHref).toBe('/cohorts?q=bat+yam&status=active&page=3');
  });

  it('has one page and no links for an empty list', () => {
    const view = pageView([], 0, pageRequest(undefined), '/schools');
    expect(view).toMatchObject({ page: 1, pages: 1, total: 0, hasPrevious: false, hasNext: false, previousHref: undefined, nextHref: undefined });
  });
});
