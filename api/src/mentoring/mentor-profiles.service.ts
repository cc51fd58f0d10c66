import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type {
  MentorExpertise,
  MentoringNeedsDto,
  MentorProfileDto,
  MentorProfileRequest,
  MentorTitle,
  Page,
} from '@lingyan/contracts';
import { MENTOR_EXPERTISE } from '@lingyan/contracts';
import type { AuthUser } from '../auth/auth-user';
import { DomainError } from '../common/domain-error';
import { containsPattern } from '../common/like';
import { page } from '../common/paging';
import type { MentorListQuery } from './mentoring.dto';

interface ProfileRow {
  user_id: string;
  name: string;
  title: MentorTitle | null;
  expertise: string[] | null;
  region_code: string;
  region_name: string;
  capacity: number | null;
  bio: string | null;
  load: number;
  updated_at: Date | null;
}

/** Default capacity of a mentor who has not set one. */
export const DEFAULT_MENTOR_CAPACITY = 5;

/**
 * Every mentor's profile as read: a mentor without a saved profile reads as the defaults (home region
 * their account's, five places), so granting the role is all it takes to become pairable.
 */
export const PROFILE_SELECT = `
  SELECT u.id AS user_id, u.name, mp.title, mp.expertise,
         COALESCE(mp.region_code, u.region_code) AS region_code, r.name AS region_name,
         mp.capacity, mp.bio, mp.updated_at,
         (SELECT count(*)::int FROM mentorship ms
           WHERE ms.mentor_id = u.id AND ms.status IN ('proposed', 'active')) AS load
    FROM app_user u
    LEFT JOIN mentor_profile mp ON mp.user_id = u.id
    JOIN region r ON r.code = COALESCE(mp.region_code, u.region_code)`;

export function toProfileDto(row: ProfileRow): MentorProfileDto {
  return {
    userId: row.user_id,
    name: row.name,
    title: row.title,
    expertise: (row.expertise ?? []).filter((e): e is MentorExpertise => (MENTOR_EXPERTISE as string[]).includes(e)),
    regionCode: row.region_code,
    regionName: row.region_name,
    capacity: row.capacity ?? DEFAULT_MENTOR_CAPACITY,
    bio: row.bio ?? '',
    load: row.load,
    updatedAt: row.updated_at ? row.updated_at.toISOString() : null,
  };
}

/** Mentor profiles (title, expertise, home region, capacity, bio) and trainees' stated needs. */
@Injectable()
export class MentorProfilesService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async mine(actor: AuthUser): Promise<MentorProfileDto> {
    return this.read(this.dataSource, actor.id);
  }

  async updateMine(actor: AuthUser, body: MentorProfileRequest): Promise<MentorProfileDto> {
    return this.save(actor.id, body);
  }

  /** The mentors whose accounts are in the administrator's region, with their loads, by name. */
  async list(actor: AuthUser, query: MentorListQuery): Promise<Page<MentorProfileDto>> {
    const rows = await this.dataSource.query<Array<ProfileRow & { total: number }>>(
      `SELECT p.*, count(*) OVER ()::int AS total FROM (${PROFILE_SELECT}
          WHERE 'mentor' = ANY(u.roles) AND u.active AND u.region_path <@ CAST($1 AS ltree)
            AND ($2::text IS NULL OR u.name ILIKE $2 OR u.username ILIKE $2)) p
        ORDER BY p.name, p.user_id LIMIT $3 OFFSET $4`,
      [actor.regionPath, containsPattern(query.q), query.limit, (query.page - 1) * query.limit],
    );
    return page(rows.map(toProfileDto), rows[0]?.total ?? 0, query);
  }

  /** An administrator edits a mentor of their region. */
  async updateFor(actor: AuthUser, mentorId: string, body: MentorProfileRequest): Promise<MentorProfileDto> {
    await this.requireMentorInScope(this.dataSource, actor, mentorId);
    return this.save(mentorId, body);
  }

  async requireMentorInScope(manager: EntityManager | DataSource, actor: AuthUser, mentorId: string): Promise<void> {
    const [row] = await manager.query<unknown[]>(
      `SELECT 1 FROM app_user WHERE id = $1 AND 'mentor' = ANY(roles) AND active AND region_path <@ CAST($2 AS ltree)`,
      [mentorId, actor.regionPath],
    );
    if (!row) throw new DomainError('MENTOR_NOT_FOUND', 'No such mentor in your region.');
  }

  async read(manager: EntityManager | DataSource, userId: string): Promise<MentorProfileDto> {
    const [row] = await manager.query<ProfileRow[]>(`${PROFILE_SELECT} WHERE u.id = $1`, [userId]);
    if (!row) throw new DomainError('MENTOR_NOT_FOUND', 'No such mentor.');
    return toProfileDto(row);
  }

  private async save(userId: string, body: MentorProfileRequest): Promise<MentorProfileDto> {
    const [region] = await this.dataSource.query<unknown[]>(`SELECT 1 FROM region WHERE code = $1`, [body.regionCode]);
    if (!region) throw new DomainError('REGION_NOT_FOUND', `No region has the code ${body.regionCode}.`);
    await this.dataSource.query(
      `INSERT INTO mentor_profile (user_id, title, expertise, region_code, capacity, bio)
       VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (user_id) DO UPDATE
         SET title = EXCLUDED.title, expertise = EXCLUDED.expertise, region_code = EXCLUDED.region_code,
             capacity = EXCLUDED.capacity, bio = EXCLUDED.bio, updated_at = now()`,
      [userId, body.title ?? null, body.expertise, body.regionCode, body.capacity, body.bio],
    );
    return this.read(this.dataSource, userId);
  }

  async needs(userId: string): Promise<MentoringNeedsDto> {
    const [row] = await this.dataSource.query<Array<{ areas: string[]; note: string }>>(
      `SELECT areas, note FROM mentoring_needs WHERE user_id = $1`,
      [userId],
    );
    return {
      areas: (row?.areas ?? []).filter((a): a is MentorExpertise => (MENTOR_EXPERTISE as string[]).includes(a)),
      note: row?.note ?? '',
    };
  }

  async updateNeeds(actor: AuthUser, body: MentoringNeedsDto): Promise<MentoringNeedsDto> {
    await this.dataSource.query(
      `INSERT INTO mentoring_needs (user_id, areas, note) VALUES ($1, $2, $3)
       ON CONFLICT (user_id) DO UPDATE SET areas = EXCLUDED.areas, note = EXCLUDED.note, updated_at = now()`,
      [actor.id, body.areas, body.note],
    );
    return this.needs(actor.id);
  }
}
