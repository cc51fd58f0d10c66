import { convertToParamMap } from '@angular/router';
import { catalogFilters } from './catalog-filters';

describe('catalogFilters', () => {
  it('reads the search, category and page from the URL', () => {
    expect(catalogFilters(convertToParamMap({ q: ' 浙里 ', category: 'industry', page: '3' }))).toEqual({
      q: '浙里',
      category: 'industry',
      page: 3,
    });
  });

  it('ignores an unknown category and a page that is not a positive whole number', () => {
    expect(catalogFilters(convertToParamMap({ category: 'cooking', page: '0' }))).toEqual({
      q: '',
      category: null,
      page: 1,
    });
    expect(catalogFilters(convertToParamMap({ page: '2.5' })).page).toBe(1);
    expect(catalogFilters(convertToParamMap({})).page).toBe(1);
  });
});
