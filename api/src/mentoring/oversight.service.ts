import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type {
  CoverageDto,
  MentoringOversightDto,
  MentorLoadDto,
  MentorTitle,
  OversightChildDto,
  RegionLevel,
  StalePairingDto,
} from '@lingyan/contracts';
import { STALE_PAIRING_DAYS } from '@lingyan/contracts';
import { isWithinRegionPath } from '@lingyan/domain';
import type { AuthUser } from '../auth/auth-user';
import { DomainError } from '../common/domain-error';
import { writeSheet, type SheetFile, type SheetFormat } from '../common/sheets/sheet-writer';
import { DEFAULT_MENTOR_CAPACITY } from './mentor-profiles.service';
import { MENTORSHIP_SELECT, toSummaryDto, type MentorshipRow } from './mentorship-record';

const LIST_MAX = 100;

interface RegionRow {
  code: string;
  name: string;
  level: RegionLevel;
  parent_code: string | null;
  path: string;
}

const STATUS_NAMES = { proposed: '待确认', active: '进行中', completed: '已完成', ended: '已结束' } as const;

/** The day a pairing went quiet from: its last logged meeting, else the day it started (China time). */
const QUIET_SINCE = `COALESCE(
  (SELECT max(l.met_on) FROM mentoring_log l WHERE l.mentorship_id = ms.id),
  (COALESCE(ms.accepted_at, ms.started_at) AT TIME ZONE 'Asia/Shanghai')::date)`;
const TODAY = `(now() AT TIME ZONE 'Asia/Shanghai')::date`;

/**
 * Mentoring in an administrator's region: the share of trainees in training with an active mentor
 * (by region one level down, to drill into), mentors' loads, and active pairings with no logged contact
 * for 30 days; exported as a sheet.
 */
@Injectable()
export class MentoringOversightService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async overview(actor: AuthUser, code: string | undefined): Promise<MentoringOversightDto> {
    const region = await this.region(actor, code);
    const depth = region.path.split('.').length;
    const [coverage, children, pairings, mentors, stale] = await Promise.all([
      this.coverage(region.path, depth),
      this.children(region.code),
      this.dataSource.query<Array<{ active: number; proposed: number; stale: number }>>(
        `SELECT count(*) FILTER (WHERE ms.status = 'active')::int AS active,
                count(*) FILTER (WHERE ms.status = 'proposed')::int AS proposed,
                count(*) FILTER (WHERE ms.status = 'active' AND ${QUIET_SINCE} < ${TODAY} - ${STALE_PAIRING_DAYS})::int
                  AS stale
           FROM mentorship ms JOIN app_user t ON t.id = ms.trainee_id
          WHERE t.region_path <@ CAST($1 AS ltree)`,
        [region.path],
      ),
      this.mentorLoads(region.path),
      this.stalePairings(region.path),
    ]);
    const byChild = new Map(coverage.byChild.map((c) => [c.code, c]));
    return {
      region: { code: region.code, name: region.name, level: region.level, parentCode: region.parent_code },
      coverage: coverage.total,
      activePairings: pairings[0].active,
      proposedPairings: pairings[0].proposed,
      stalePairings: pairings[0].stale,
      children: children.map((child) => {
        const counts = byChild.get(child.code);
        return {
          code: child.code,
          name: child.name,
          level: child.level,
          activeTrainees: counts?.activeTrainees ?? 0,
          withMentor: counts?.withMentor ?? 0,
          rate: counts?.rate ?? null,
          stale: counts?.stale ?? 0,
        };
      }),
      mentors: mentors.items,
      mentorCount: mentors.total,
      stale,
    };
  }

  /** A region inside the actor's (their own by default); a region elsewhere is out of scope. */
  private async region(actor: AuthUser, code: string | undefined): Promise<RegionRow> {
    const [row] = await this.dataSource.query<RegionRow[]>(
      `SELECT code, name, level, parent_code, path::text AS path FROM region WHERE code = $1`,
      [code ?? actor.regionCode],
    );
    if (!row) throw new DomainError('REGION_NOT_FOUND', `No region has the code ${code}.`);
    if (!isWithinRegionPath(row.path, actor.regionPath)) {
      throw new DomainError('OUT_OF_SCOPE', 'This region is outside the region you administer.');
    }
    return row;
  }

  private async coverage(
    path: string,
    depth: number,
  ): Promise<{ total: CoverageDto; byChild: Array<CoverageDto & { code: string; stale: number }> }> {
    // Trainees in training: enrolled (not withdrawn) in a cohort that has not ended. The child region
    // is the path's label one level below the region (none for trainees at the region itself).
    const rows = await this.dataSource.query<
      Array<{ child: string | null; trainees: number; with_mentor: number; stale: number }>
    >(
      `WITH trainee AS (
         SELECT DISTINCT e.user_id, e.region_path
           FROM enrolment e JOIN cohort c ON c.id = e.cohort_id
          WHERE e.withdrawn_at IS NULL AND c.ends_on >= ${TODAY} AND e.region_path <@ CAST($1 AS ltree)
       ), mentored AS (
         SELECT ms.trainee_id,
                bool_or(${QUIET_SINCE} < ${TODAY} - ${STALE_PAIRING_DAYS}) AS stale
           FROM mentorship ms WHERE ms.status = 'active' GROUP BY ms.trainee_id
       )
       SELECT CASE WHEN nlevel(t.region_path) > $2 THEN subltree(t.region_path, $2, $2 + 1)::text END AS child,
              count(*)::int AS trainees, count(m.trainee_id)::int AS with_mentor,
              count(*) FILTER (WHERE m.stale)::int AS stale
         FROM trainee t LEFT JOIN mentored m ON m.trainee_id = t.user_id
        GROUP BY 1`,
      [path, depth],
    );
    const coverageOf = (trainees: number, withMentor: number): CoverageDto => ({
      activeTrainees: trainees,
      withMentor,
      rate: trainees === 0 ? null : Math.round((withMentor * 1000) / trainees) / 10,
    });
    const trainees = rows.reduce((sum, r) => sum + r.trainees, 0);
    const withMentor = rows.reduce((sum, r) => sum + r.with_mentor, 0);
    return {
      total: coverageOf(trainees, withMentor),
      byChild: rows
        .filter((r) => r.child !== null)
        .map((r) => ({ code: r.child as string, stale: r.stale, ...coverageOf(r.trainees, r.with_mentor) })),
    };
  }

  private children(code: string): Promise<Array<Pick<OversightChildDto, 'code' | 'name' | 'level'>>> {
    return this.dataSource.query(`SELECT code, name, level FROM region WHERE parent_code = $1 ORDER BY code`, [code]);
  }

  private async mentorLoads(path: string): Promise<{ items: MentorLoadDto[]; total: number }> {
    const rows = await this.dataSource.query<
      Array<{
        user_id: string;
        name: string;
        title: MentorTitle | null;
        region_name: string;
        capacity: number;
        active: number;
        proposed: number;
        stale: number;
        total: number;
      }>
    >(
      `SELECT u.id AS user_id, u.name, mp.title, r.name AS region_name, COALESCE(mp.capacity, ${DEFAULT_MENTOR_CAPACITY}) AS capacity,
              count(ms.id) FILTER (WHERE ms.status = 'active')::int AS active,
              count(ms.id) FILTER (WHERE ms.status = 'proposed')::int AS proposed,
              count(ms.id) FILTER (WHERE ms.status = 'active'
                                     AND ${QUIET_SINCE} < ${TODAY} - ${STALE_PAIRING_DAYS})::int AS stale,
              count(*) OVER ()::int AS total
         FROM app_user u
         LEFT JOIN mentor_profile mp ON mp.user_id = u.id
         JOIN region r ON r.code = COALESCE(mp.region_code, u.region_code)
         LEFT JOIN mentorship ms ON ms.mentor_id = u.id AND ms.status IN ('proposed', 'active')
        WHERE 'mentor' = ANY(u.roles) AND u.active AND u.region_path <@ CAST($1 AS ltree)
        GROUP BY u.id, u.name, mp.title, r.name, mp.capacity
        ORDER BY (count(ms.id)::float / COALESCE(mp.capacity, ${DEFAULT_MENTOR_CAPACITY})) DESC, u.name, u.id
        LIMIT ${LIST_MAX}`,
      [path],
    );
    return {
      items: rows.map((r) => ({
        userId: r.user_id,
        name: r.name,
        title: r.title,
        regionName: r.region_name,
        capacity: r.capacity,
        active: r.active,
        proposed: r.proposed,
        stale: r.stale,
      })),
      total: rows[0]?.total ?? 0,
    };
  }

  private async stalePairings(path: string): Promise<StalePairingDto[]> {
    const rows = await this.dataSource.query<Array<MentorshipRow & { days_quiet: number }>>(
      `SELECT x.* FROM (
         SELECT s.*, (${TODAY} - q.since)::int AS days_quiet
           FROM (${MENTORSHIP_SELECT}
                  WHERE ms.status = 'active' AND t.region_path <@ CAST($1 AS ltree)) s
           JOIN mentorship ms ON ms.id = s.id
           CROSS JOIN LATERAL (SELECT ${QUIET_SINCE} AS since) q) x
        WHERE x.days_quiet > ${STALE_PAIRING_DAYS}
        ORDER BY x.days_quiet DESC, x.id
        LIMIT ${LIST_MAX}`,
      [path],
    );
    return rows.map((row) => ({ ...toSummaryDto(row), daysQuiet: row.days_quiet }));
  }

  /** Every pairing of the region's trainees, newest first, as a sheet. */
  async export(actor: AuthUser, code: string | undefined, format: SheetFormat): Promise<SheetFile> {
    const region = await this.region(actor, code);
    const rows = await this.dataSource.query<Array<MentorshipRow & { days_quiet: number | null }>>(
      `SELECT s.*, CASE WHEN s.status = 'active' THEN (${TODAY} - q.since)::int END AS days_quiet
         FROM (${MENTORSHIP_SELECT} WHERE t.region_path <@ CAST($1 AS ltree)) s
         JOIN mentorship ms ON ms.id = s.id
         CROSS JOIN LATERAL (SELECT ${QUIET_SINCE} AS since) q
        ORDER BY s.created_at DESC, s.id`,
      [region.path],
    );
    const day = (value: Date | null) =>
      value ? new Date(value.getTime() + 8 * 3600_000).toISOString().slice(0, 10) : null;
    async function* cells() {
      for (const r of rows) {
        yield [
          r.trainee_name,
          r.trainee_region_name,
          r.mentor_name,
          r.program_title,
          STATUS_NAMES[r.status],
          day(r.started_at),
          r.last_contact_on,
          r.days_quiet,
          r.days_quiet !== null && r.days_quiet > STALE_PAIRING_DAYS ? '是' : '否',
          r.end_reason,
        ];
      }
    }
    return writeSheet(
      format,
      `导师帮带-${region.name}`,
      [
        '学员',
        '所在地',
        '导师',
        '培训项目',
        '状态',
        '开始日期',
        '最近交流',
        '未交流天数',
        '超过30天未交流',
        '结束原因',
      ],
      cells(),
    );
  }
}
