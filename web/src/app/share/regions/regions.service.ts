import { HttpClient, HttpParams } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type { RegionDetailDto, RegionDto, RegionSearchHit } from '@lingyan/contracts';
import { Observable } from 'rxjs';
import { silent } from '../../core/http/api-error';

/** The region tree (行政区划), limited by the API to the caller's own subtree. */
@Injectable({ providedIn: 'root' })
export class RegionsService {
  private readonly http = inject(HttpClient);

  get(code: string): Observable<RegionDetailDto> {
    return this.http.get<RegionDetailDto>(`/api/regions/${encodeURIComponent(code)}`, { context: silent() });
  }

  children(code: string): Observable<RegionDto[]> {
    return this.http.get<RegionDto[]>(`/api/regions/${encodeURIComponent(code)}/children`, { context: silent() });
  }

  search(q: string): Observable<RegionSearchHit[]> {
    return this.http.get<RegionSearchHit[]>('/api/regions', {
      params: new HttpParams().set('q', q),
      context: silent(),
    });
  }
}
