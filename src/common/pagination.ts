import { BadRequestError } from './errors/app-exceptions.js';

export const DEFAULT_PAGE_SIZE = 50;
export const MAX_PAGE = 100000;

export interface PageRequest {
  page: number;
  size: number;
  offset: number;
}

/** Reads ?page= (1-based); anything not a sane whole number is a 400, not a 500. */
export function pageRequest(raw: unknown, size = DEFAULT_PAGE_SIZE): PageRequest {
  if (raw === undefined || raw === '') return { page: 1, size, offset: 0 };
  const page = Number(raw);
  if (typeof raw !== 'string' || !/^\d{1,6}$/.test(raw) || page < 1 || page > MAX_PAGE) throw new BadRequestError('errors.400.message');
  return { page, size, offset: (page - 1) * size };
}

export interface PageView<T> {
  items: T[];
  page: number;
  pages: number;
  total: number;
  hasPrevious: boolean;
  hasNext: boolean;
  previousHref?: string;
  nextHref?: string;
}

/** Links keep the other query parameters (filters, sort), so paging never loses them. */
export function pageView<T>(items: T[], total: number, request: PageRequest, basePath: string, query: Record<string, string | undefined> = {}): PageView<T> {
  const pages = Math.max(1, Math.ceil(total / request.size));
  const href = (page: number) => {
    const params = new URLSearchParams();
    for (const [key, value] of Object.entries(query)) if (value !== undefined && value !== '' && key !== 'page') params.set(key, value);
    if (page > 1) params.set('page', String(page));
    const qs = params.toString();
    return qs ? `${basePath}?${qs}` : basePath;
  };
  return {
    items,
    page: request.page,
    pages,
    total,
    hasPrevious: request.page > 1,
    hasNext: request.page < pages,
    previousHref: request.page > 1 ? href(request.page - 1) : undefined,
    nextHref: request.page < pages ? href(request.page + 1) : undefined,
  };
}
