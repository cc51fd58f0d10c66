import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository, SelectQueryBuilder } from 'typeorm';
import type { RegionDetailDto, RegionDto, RegionSearchHit } from '@lingyan/contracts';
import { isRegionCode, isWithinRegionPath } from '@lingyan/domain';
import type { AuthUser } from '../auth/auth-user';
import { DomainError } from '../common/domain-error';
import { Region } from './region.entity';
import { escapeLike } from '../common/like';

type RegionRow = Region & { has_children?: boolean; hasChildren?: boolean };

function toDto(row: RegionRow): RegionDto {
  return {
    code: row.code,
    name: row.name,
    level: row.level,
    parentCode: row.parentCode,
    path: row.path,
    hasChildren: Boolean(row.hasChildren ?? row.has_children),
  };
}

const HAS_CHILDREN = (alias: string) => `EXISTS (SELECT 1 FROM region c WHERE c.parent_code = ${alias}.code)`;

/**
 * The region tree, and the region scope: every user sees their home region's subtree and nothing
 * else. Other modules ask this service whether a region is in a caller's scope and to narrow
 * their queries to it, so the rule lives in one place.
 */
@Injectable()
export class RegionsService {
  constructor(@InjectRepository(Region) private readonly regions: Repository<Region>) {}

  /** Narrows a query to the caller's subtree; `pathColumn` is an ltree column such as `r.path`. */
  scopeQuery<T extends object>(qb: SelectQueryBuilder<T>, actor: AuthUser, pathColumn: string): SelectQueryBuilder<T> {
    return qb.andWhere(`${pathColumn} <@ CAST(:scopePath AS ltree)`, { scopePath: actor.regionPath });
  }

  inScope(actor: AuthUser, region: Pick<Region, 'path'>): boolean {
    return isWithinRegionPath(region.path, actor.regionPath);
  }

  /**
   * Loads a region the caller may act on. Malformed codes are a 400, unknown ones a 404 and those
   * outside the caller's subtree a 403.
   */
  async requireInScope(actor: AuthUser, code: string, field = 'code'): Promise<Region> {
    if (!isRegionCode(code)) {
      throw new DomainError('VALIDATION_FAILED', `${field}: ${JSON.stringify(code)} is not a region code`, [
        { field, problems: ['must be a region code of 2, 4, 6, 9 or 12 digits'] },
      ]);
    }
    const region = await this.regions.findOneBy({ code });
    if (!region) throw new DomainError('REGION_NOT_FOUND', `No region has the code ${code}.`);
    if (!this.inScope(actor, region)) {
      throw new DomainError('OUT_OF_SCOPE', `Region ${code} is outside your region.`);
    }
    return region;
  }

  async detail(actor: AuthUser, code: string): Promise<RegionDetailDto> {
    const region = await this.requireInScope(actor, code);
    const rows: RegionRow[] = await this.regions
      .createQueryBuilder('r')
      .addSelect(HAS_CHILDREN('r'), 'has_children')
      .where('r.path @> CAST(:path AS ltree)', { path: region.path })
      .orderBy('nlevel(r.path)', 'ASC')
      .getRawAndEntities()
      .then(({ raw, entities }) =>
        entities.map((entity, i) => ({ ...entity, has_children: (raw[i] as { has_children: boolean }).has_children })),
      );
    const self = rows[rows.length - 1];
    return { ...toDto(self), ancestors: rows.slice(0, -1).map(toDto) };
  }

  async children(actor: AuthUser, code: string): Promise<RegionDto[]> {
    await this.requireInScope(actor, code);
    const { raw, entities } = await this.regions
      .createQueryBuilder('r')
      .addSelect(HAS_CHILDREN('r'), 'has_children')
      .where('r.parent_code = :code', { code })
      .orderBy('r.code', 'ASC')
      .getRawAndEntities();
    return entities.map((entity, i) =>
      toDto({ ...entity, has_children: (raw[i] as { has_children: boolean }).has_children }),
    );
  }

  /** Name search within the caller's subtree: exact names first, then prefixes, higher levels first. */
  async search(actor: AuthUser, q: string, limit = 20): Promise<RegionSearchHit[]> {
    const term = q.trim();
    const like = `%${escapeLike(term)}%`;
    const rows: Array<RegionRow & { context: string | null }> = await this.regions.query(
      `SELECT r.code, r.name, r.level, r.parent_code AS "parentCode", r.path::text AS path,
              ${HAS_CHILDREN('r')} AS "hasChildren",
              (SELECT string_agg(a.name, ' / ' ORDER BY nlevel(a.path))
                 FROM region a WHERE a.path @> r.path AND a.path <> r.path AND a.level <> 'province') AS context
         FROM region r
        WHERE r.path <@ CAST($1 AS ltree) AND (r.name LIKE $2 OR r.official_name LIKE $2)
        ORDER BY (r.name = $3) DESC, (r.name LIKE $4) DESC, nlevel(r.path), r.code
        LIMIT $5`,
      [actor.regionPath, like, term, `${escapeLike(term)}%`, limit],
    );
    return rows.map((row) => ({ ...toDto(row), context: row.context ?? '' }));
  }

  /** Labels such as `杭州市 / 淳安县 / 枫树岭镇 / 下姜村` for many regions in one query. */
  async labels(codes: readonly string[]): Promise<Map<string, Region & { label: string }>> {
    if (codes.length === 0) return new Map();
    const rows: Array<Region & { label: string }> = await this.regions.query(
      `SELECT r.code, r.name, r.official_name AS "officialName", r.level, r.parent_code AS "parentCode",
              r.path::text AS path,
              coalesce((SELECT string_agg(a.name, ' / ' ORDER BY nlevel(a.path))
                          FROM region a WHERE a.path @> r.path AND a.level <> 'province'), r.name) AS label
         FROM region r WHERE r.code = ANY($1)`,
      [[...new Set(codes)]],
    );
    return new Map(rows.map((row) => [row.code, row]));
  }
}
