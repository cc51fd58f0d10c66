import type { ParamMap } from '@angular/router';
import { COURSE_CATEGORIES, type CourseCategory } from '@lingyan/contracts';

/** Cards per page of the catalog. */
export const CATALOG_PAGE_SIZE = 12;

export interface CatalogFilters {
  q: string;
  category: CourseCategory | null;
  page: number;
}

/** The filters live in the URL (`?q=…&category=industry&page=2`) so the list survives a reload and "back". */
export function catalogFilters(params: ParamMap): CatalogFilters {
  const category = params.get('category');
  const page = Number(params.get('page'));
  return {
    q: (params.get('q') ?? '').trim(),
    category: COURSE_CATEGORIES.includes(category as CourseCategory) ? (category as CourseCategory) : null,
    page: Number.isInteger(page) && page > 1 ? page : 1,
  };
}
