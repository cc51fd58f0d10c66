import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type {
  CohortTraineeDto,
  EnrolmentStatus,
  Page,
  Position,
  RemindResponse,
  TraineeSort,
} from '@lingyan/contracts';
import { enrolmentStatus, isBehindPace, isPastDeadline, type StoredEnrolmentStatus } from '@lingyan/domain';
import type { AuthUser } from '../auth/auth-user';
import { DomainError } from '../common/domain-error';
import { containsPattern } from '../common/like';
import { NotificationsService } from '../notifications/notifications.service';
import { RegionsService } from '../regions/regions.service';
import { chinaToday } from './cohort-access';
import { CohortsService } from './cohorts.service';
import type { RemindDto, TraineeFilterDto, TraineeQueryDto } from './cohorts.dto';
import { DashboardService } from './dashboard.service';

export interface TraineeRow {
  user_id: string;
  name: string;
  username: string;
  phone: string | null;
  position: Position | null;
  region_code: string;
  status: StoredEnrolmentStatus;
  earned_credits: string;
  last_activity_at: Date | null;
  enrolled_at: Date;
  completed_at: Date | null;
  reminded_at: Date | null;
  year_credits: string;
}

/** A filtered set of a cohort's trainees as SQL: `where` over `e` (enrolment), `u` (app_user) and `y` (user_year_credits). */
export interface TraineeSelection {
  cohort: { id: string; name: string; due_on: string; required_credits: string };
  /** The region listed (its subtree). */
  region: { code: string; name: string };
  where: string;
  params: unknown[];
  pace: number | null;
}

const ORDER: Record<TraineeSort, string> = {
  name: 'u.name',
  region: 'e.region_code',
  credits: 'e.earned_credits',
  lastActivity: 'e.last_activity_at',
  status: 'e.status',
  enrolled: 'e.enrolled_at',
};

const REMIND_WINDOW = '24 hours';

/** The trainees of a cohort as administrators list, export and remind them. */
@Injectable()
export class TraineesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly cohorts: CohortsService,
    private readonly dashboard: DashboardService,
    private readonly regions: RegionsService,
    private readonly notifications: NotificationsService,
  ) {}

  async select(actor: AuthUser, cohortId: string, filter: TraineeFilterDto): Promise<TraineeSelection> {
    const cohort = await this.cohorts.load(actor, cohortId);
    const region = await this.dashboard.viewedRegion(actor, cohort, filter.region);
    const annual = await this.dashboard.annual(actor);
    const params: unknown[] = [cohortId, region.path];
    const where = [`e.cohort_id = $1`, `e.withdrawn_at IS NULL`, `e.region_path <@ CAST($2 AS ltree)`];
    const add = (value: unknown) => {
      params.push(value);
      return `$${params.length}`;
    };
    if (filter.q) {
      const like = add(containsPattern(filter.q));
      where.push(`(u.name ILIKE ${like} OR u.username ILIKE ${like} OR u.phone LIKE ${like})`);
    }
    if (filter.status) where.push(statusCondition(filter.status, isPastDeadline(cohort.due_on, chinaToday())));
    if (filter.inactiveDays !== undefined) {
      where.push(
        `(e.last_activity_at IS NULL OR e.last_activity_at < now() - make_interval(days => ${add(filter.inactiveDays)}))`,
      );
    }
    if (filter.behindPace) {
      // With no annual requirement nobody is behind.
      where.push(annual ? `coalesce(y.credits, 0) < ${add(annual.paceToday)}` : 'false');
    }
    return {
      cohort: { id: cohort.id, name: cohort.name, due_on: cohort.due_on, required_credits: cohort.required_credits },
      region: { code: region.code, name: region.name },
      where: where.join(' AND '),
      params,
      pace: annual?.paceToday ?? null,
    };
  }

  /** The FROM clause every selection reads. */
  from(): string {
    const year = Number(chinaToday().slice(0, 4));
    return `enrolment e JOIN app_user u ON u.id = e.user_id
            LEFT JOIN user_year_credits y ON y.user_id = e.user_id AND y.year = ${year}`;
  }

  columns(): string {
    return `e.user_id, u.name, u.username, u.phone, u.position, e.region_code, e.status, e.earned_credits,
            e.last_activity_at, e.enrolled_at, e.completed_at, e.reminded_at, coalesce(y.credits, 0) AS year_credits`;
  }

  async list(actor: AuthUser, cohortId: string, query: TraineeQueryDto): Promise<Page<CohortTraineeDto>> {
    const selection = await this.select(actor, cohortId, query);
    const order = ORDER[query.sort ?? 'name'];
    const direction = query.order === 'desc' ? 'DESC' : 'ASC';
    const nulls = direction === 'DESC' ? 'NULLS LAST' : 'NULLS FIRST';
    const params = [...selection.params, query.limit, (query.page - 1) * query.limit];
    const [rows, [{ total }]] = await Promise.all([
      this.dataSource.query<TraineeRow[]>(
        `SELECT ${this.columns()} FROM ${this.from()} WHERE ${selection.where}
          ORDER BY ${order} ${direction} ${nulls}, u.name, e.user_id
          LIMIT $${params.length - 1} OFFSET $${params.length}`,
        params,
      ),
      this.dataSource.query<Array<{ total: number }>>(
        `SELECT count(*)::int AS total FROM ${this.from()} WHERE ${selection.where}`,
        selection.params,
      ),
    ]);
    return { items: await this.toDtos(selection, rows), total, page: query.page, limit: query.limit };
  }

  async toDtos(selection: TraineeSelection, rows: readonly TraineeRow[]): Promise<CohortTraineeDto[]> {
    const labels = await this.regions.labels(rows.map((r) => r.region_code));
    const today = chinaToday();
    return rows.map((r) => ({
      userId: r.user_id,
      name: r.name,
      username: r.username,
      phone: r.phone,
      position: r.position,
      regionCode: r.region_code,
      regionLabel: labels.get(r.region_code)?.label ?? r.region_code,
      status: enrolmentStatus(r.status, selection.cohort.due_on, today),
      earnedCredits: Number(r.earned_credits),
      requiredCredits: Number(selection.cohort.required_credits),
      yearCredits: Number(r.year_credits),
      paceCredits: selection.pace,
      behindPace: isBehindPace(Number(r.year_credits), selection.pace),
      lastActivityAt: r.last_activity_at?.toISOString() ?? null,
      enrolledAt: r.enrolled_at.toISOString(),
      completedAt: r.completed_at?.toISOString() ?? null,
      remindedAt: r.reminded_at?.toISOString() ?? null,
    }));
  }

  /**
   * Sends an in-app reminder to chosen trainees, or to everyone in a region matching a filter. Nobody
   * is reminded about the same cohort twice within a day.
   */
  async remind(actor: AuthUser, cohortId: string, dto: RemindDto): Promise<RemindResponse> {
    if ((dto.userIds === undefined) === (dto.filter === undefined)) {
      throw new DomainError('VALIDATION_FAILED', 'Give either userIds, or a filter (with an optional region).', [
        { field: 'userIds', problems: ['give either userIds or filter'] },
      ]);
    }
    const filter: TraineeFilterDto = { region: dto.region };
    if (dto.filter === 'overdue') filter.status = 'overdue';
    if (dto.filter === 'inactive') filter.inactiveDays = dto.inactiveDays ?? 14;
    const selection = await this.select(actor, cohortId, filter);
    const params = [...selection.params];
    let where = selection.where;
    if (dto.filter === 'not_completed') where += ` AND e.status <> 'completed'`;
    if (dto.userIds) {
      params.push(dto.userIds);
      where += ` AND e.user_id = ANY($${params.length})`;
    }
    return this.dataSource.transaction(async (tx) => {
      const [{ matched }]: Array<{ matched: number }> = await tx.query(
        `SELECT count(*)::int AS matched FROM ${this.from()} WHERE ${where}`,
        params,
      );
      if (dto.userIds && matched < dto.userIds.length) {
        throw new DomainError('ENROLMENT_NOT_FOUND', 'Some of these trainees are not in the cohort (in your region).');
      }
      const [targets]: [Array<{ user_id: string }>, number] = await tx.query(
        `UPDATE enrolment t SET reminded_at = now()
           FROM (SELECT e.cohort_id, e.user_id FROM ${this.from()} WHERE ${where}
                    AND (e.reminded_at IS NULL OR e.reminded_at < now() - interval '${REMIND_WINDOW}')) s
          WHERE t.cohort_id = s.cohort_id AND t.user_id = s.user_id
          RETURNING t.user_id`,
        params,
      );
      const deadline = selection.cohort.due_on;
      const words = dto.message ? `\n${actor.name}：${dto.message}` : '';
      const sent = await this.notifications.send(
        tx,
        targets.map((t) => t.user_id),
        {
          kind: 'reminder',
          title: `请抓紧完成「${selection.cohort.name}」的学习`,
          body: `完成期限：${deadline}。${words}`.trim(),
          link: '/learn',
        },
      );
      return { sent, skipped: matched - sent };
    });
  }
}

function statusCondition(status: EnrolmentStatus, pastDeadline: boolean): string {
  switch (status) {
    case 'completed':
      return `e.status = 'completed'`;
    case 'overdue':
      return pastDeadline ? `e.status <> 'completed'` : 'false';
    case 'in_progress':
      return `e.status = 'in_progress'`;
    case 'not_started':
      return `e.status = 'not_started'`;
  }
}
