import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, QueryFailedError } from 'typeorm';
import type {
  MenteeDto,
  MentorExpertise,
  MentorProfileDto,
  MentorshipSummaryDto,
  MentorSuggestionsDto,
  Page,
  SuggestionReason,
} from '@lingyan/contracts';
import { MENTOR_EXPERTISE } from '@lingyan/contracts';
import {
  REGION_CODE_LENGTHS,
  assignMentors,
  isWithinRegionPath,
  regionAtLevel,
  suggestMentors,
  weakestAreas,
  type MenteeProfile,
  type MentorCandidate,
} from '@lingyan/domain';
import type { AuthUser } from '../auth/auth-user';
import { DomainError } from '../common/domain-error';
import { page } from '../common/paging';
import { NotificationsService } from '../notifications/notifications.service';
import {
  DEFAULT_MENTOR_CAPACITY,
  MentorProfilesService,
  PROFILE_SELECT,
  toProfileDto,
} from './mentor-profiles.service';
import type { CreatePairingDto, PairingListQuery, ProposedPairDto } from './mentoring.dto';
import { MENTORSHIP_SELECT, toSummaryDto, type MentorshipRow } from './mentorship-record';

const OPEN = `('proposed', 'active')`;

/** What a trainee looks like to the suggestion scoring. */
interface TraineeRow {
  id: string;
  name: string;
  region_code: string;
}

/** One pair saved for a cohort, or why it was not. */
export interface SavedPair {
  traineeId: string;
  mentorId: string;
  pairingId: string | null;
  error: 'MENTOR_FULL' | 'ALREADY_PAIRED' | 'MENTOR_NOT_FOUND' | 'ENROLMENT_NOT_FOUND' | null;
}

export interface CohortProposalDto {
  cohortId: string;
  programId: string;
  pairs: Array<{
    traineeId: string;
    traineeName: string;
    mentor: MentorProfileDto;
    score: number;
    reasons: SuggestionReason[];
  }>;
  unassigned: Array<{ traineeId: string; traineeName: string }>;
  alreadyPaired: number;
}

/**
 * Pairing mentors with trainees: suggestions explained in words, pairing one at a time or a cohort at
 * once, and the lifecycle (proposed → active → completed, or ended early with a reason). Capacity is
 * enforced under concurrency by locking the mentor's account row while the places are counted, and a
 * trainee's one open pairing per program by a unique index.
 */
@Injectable()
export class PairingsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly profiles: MentorProfilesService,
    private readonly notifications: NotificationsService,
  ) {}

  // ---- suggestions ----------------------------------------------------------------------------

  async suggestions(actor: AuthUser, traineeId: string, programId: string): Promise<MentorSuggestionsDto> {
    const trainee = await this.traineeInScope(this.dataSource, actor, traineeId, programId);
    const [profile, candidates, current] = await Promise.all([
      this.menteeProfiles([trainee]),
      this.candidates(actor),
      this.openPairing(traineeId, programId),
    ]);
    const mentee = profile[0];
    const ranked = suggestMentors(
      mentee,
      candidates.map((c) => c.candidate),
    );
    const byId = new Map(candidates.map((c) => [c.profile.userId, c.profile]));
    const names = await this.regionNames(trainee.region_code);
    return {
      traineeId,
      traineeName: trainee.name,
      programId,
      needs: [...mentee.needs],
      weakest: [...mentee.weakest],
      current,
      suggestions: ranked.map((s) => ({
        mentor: byId.get(s.mentorId) as MentorProfileDto,
        score: s.score,
        reasons: s.reasons.map((r) => (r.kind === 'region' ? { ...r, regionName: names.get(r.level) ?? '' } : r)),
      })),
    };
  }

  /** The mentors of the administrator's region as the scoring sees them. */
  private async candidates(actor: AuthUser): Promise<Array<{ profile: MentorProfileDto; candidate: MentorCandidate }>> {
    const rows = await this.dataSource.query<Parameters<typeof toProfileDto>[0][]>(
      `${PROFILE_SELECT} WHERE 'mentor' = ANY(u.roles) AND u.active AND u.region_path <@ CAST($1 AS ltree)`,
      [actor.regionPath],
    );
    return rows.map((row) => {
      const profile = toProfileDto(row);
      return {
        profile,
        candidate: {
          id: profile.userId,
          regionCode: profile.regionCode,
          expertise: profile.expertise,
          capacity: profile.capacity,
          load: profile.load,
        },
      };
    });
  }

  /** Trainees' stated needs and weakest quiz areas (by the tags of the questions they answered). */
  private async menteeProfiles(trainees: readonly TraineeRow[]): Promise<MenteeProfile[]> {
    const ids = trainees.map((t) => t.id);
    const [needs, tags] = await Promise.all([
      this.dataSource.query<Array<{ user_id: string; areas: string[] }>>(
        `SELECT user_id, areas FROM mentoring_needs WHERE user_id = ANY($1)`,
        [ids],
      ),
      this.dataSource.query<
        Array<{ user_id: string; tag: string; points: number; max_points: number; answers: number }>
      >(
        `SELECT a.user_id, tag, sum((r->>'points')::numeric)::float AS points,
                sum((q->>'points')::numeric)::float AS max_points, count(*)::int AS answers
           FROM quiz_attempt a
           CROSS JOIN LATERAL jsonb_array_elements(a.results) r
           JOIN LATERAL jsonb_array_elements(a.questions) q ON q->>'id' = r->>'questionId'
           JOIN question qb ON qb.id = (r->>'questionId')::uuid
           CROSS JOIN LATERAL unnest(qb.tags) tag
          WHERE a.user_id = ANY($1) AND a.graded_at IS NOT NULL AND r->>'points' IS NOT NULL
          GROUP BY a.user_id, tag`,
        [ids],
      ),
    ]);
    // grouped once by trainee: a whole cohort is scored in one pass
    const needsOf = new Map(needs.map((n) => [n.user_id, n.areas]));
    const tagsOf = new Map<string, Array<{ tag: string; points: number; maxPoints: number; answers: number }>>();
    for (const row of tags) {
      const list = tagsOf.get(row.user_id) ?? [];
      list.push({ tag: row.tag, points: row.points, maxPoints: row.max_points, answers: row.answers });
      tagsOf.set(row.user_id, list);
    }
    return trainees.map((t) => ({
      id: t.id,
      regionCode: t.region_code,
      needs: (needsOf.get(t.id) ?? []).filter((a): a is MentorExpertise => (MENTOR_EXPERTISE as string[]).includes(a)),
      weakest: weakestAreas(tagsOf.get(t.id) ?? []),
    }));
  }

  /** The short names of the regions above a code (itself included), by level. */
  private async regionNames(code: string): Promise<Map<string, string>> {
    const levels = (Object.keys(REGION_CODE_LENGTHS) as Array<keyof typeof REGION_CODE_LENGTHS>).filter(
      (level) => REGION_CODE_LENGTHS[level] <= code.length,
    );
    const names = await this.regionNamesOf(levels.map((level) => regionAtLevel(code, level)));
    return new Map(levels.map((level) => [level, names.get(regionAtLevel(code, level)) ?? '']));
  }

  /** The short names of regions by code. */
  private async regionNamesOf(codes: readonly string[]): Promise<Map<string, string>> {
    const rows = await this.dataSource.query<Array<{ code: string; name: string }>>(
      `SELECT code, name FROM region WHERE code = ANY($1)`,
      [[...new Set(codes)]],
    );
    return new Map(rows.map((r) => [r.code, r.name]));
  }

  // ---- pairing --------------------------------------------------------------------------------

  /** An administrator proposes a mentor for a trainee in a program; the mentor accepts it. */
  async create(actor: AuthUser, dto: CreatePairingDto): Promise<MentorshipSummaryDto> {
    const id = await this.dataSource.transaction(async (tx) => {
      await this.traineeInScope(tx, actor, dto.traineeId, dto.programId);
      if (dto.cohortId) await this.cohortOfProgram(tx, actor, dto.cohortId, dto.programId);
      return this.insertPair(tx, actor, dto.mentorId, dto.traineeId, dto.programId, dto.cohortId ?? null);
    });
    return this.summary(id);
  }

  /**
   * Takes one of the mentor's places for the trainee: the mentor's account row is locked while the
   * places are counted, so two administrators pairing the last place at once cannot both win.
   */
  private async insertPair(
    tx: EntityManager,
    actor: AuthUser,
    mentorId: string,
    traineeId: string,
    programId: string,
    cohortId: string | null,
  ): Promise<string> {
    const [mentor] = await tx.query<Array<{ name: string; capacity: number | null }>>(
      `SELECT u.name, mp.capacity FROM app_user u LEFT JOIN mentor_profile mp ON mp.user_id = u.id
        WHERE u.id = $1 AND 'mentor' = ANY(u.roles) AND u.active AND u.region_path <@ CAST($2 AS ltree)
          FOR UPDATE OF u`,
      [mentorId, actor.regionPath],
    );
    if (!mentor) throw new DomainError('MENTOR_NOT_FOUND', 'No such mentor in your region.');
    if (mentorId === traineeId) throw new DomainError('FORBIDDEN', 'A mentor cannot mentor themselves.');
    const [{ load }] = await tx.query<Array<{ load: number }>>(
      `SELECT count(*)::int AS load FROM mentorship WHERE mentor_id = $1 AND status IN ${OPEN}`,
      [mentorId],
    );
    const capacity = mentor.capacity ?? DEFAULT_MENTOR_CAPACITY;
    if (load >= capacity) {
      throw new DomainError('MENTOR_FULL', `${mentor.name} has no place free (${load} of ${capacity} taken).`);
    }
    try {
      await tx.query('SAVEPOINT pair');
      const [{ id }] = await tx.query<Array<{ id: string }>>(
        `INSERT INTO mentorship (mentor_id, trainee_id, program_id, cohort_id, status, created_by)
         VALUES ($1, $2, $3, $4, 'proposed', $5) RETURNING id`,
        [mentorId, traineeId, programId, cohortId, actor.id],
      );
      await tx.query('RELEASE SAVEPOINT pair');
      const [program] = await tx.query<Array<{ title: string }>>(`SELECT title FROM program WHERE id = $1`, [
        programId,
      ]);
      const [trainee] = await tx.query<Array<{ name: string }>>(`SELECT name FROM app_user WHERE id = $1`, [traineeId]);
      await this.notifications.send(tx, [mentorId], {
        kind: 'mentoring',
        title: `新的结对学员：${trainee.name}`,
        body: `管理员安排您在“${program.title}”中带教${trainee.name}，请确认。`,
        link: `/mentor/pairings/${id}`,
      });
      return id;
    } catch (error) {
      if (error instanceof QueryFailedError && (error as { code?: string }).code === '23505') {
        await tx.query('ROLLBACK TO SAVEPOINT pair');
        throw new DomainError(
          'ALREADY_PAIRED',
          'The trainee already has a mentor (proposed or active) in this program.',
        );
      }
      throw error;
    }
  }

  /** A trainee of the administrator's region who is enrolled in the program. */
  private async traineeInScope(
    manager: EntityManager | DataSource,
    actor: AuthUser,
    traineeId: string,
    programId: string,
  ): Promise<TraineeRow> {
    const [program] = await manager.query<unknown[]>(`SELECT 1 FROM program WHERE id = $1`, [programId]);
    if (!program) throw new DomainError('PROGRAM_NOT_FOUND', 'No such program.');
    const [trainee] = await manager.query<TraineeRow[]>(
      `SELECT u.id, u.name, u.region_code FROM app_user u
        WHERE u.id = $1 AND u.active AND u.region_path <@ CAST($2 AS ltree)
          AND EXISTS (SELECT 1 FROM program_enrolment pe WHERE pe.program_id = $3 AND pe.user_id = u.id)`,
      [traineeId, actor.regionPath, programId],
    );
    if (!trainee) {
      throw new DomainError(
        'ENROLMENT_NOT_FOUND',
        'No trainee of your region is enrolled in this program with this id.',
      );
    }
    return trainee;
  }

  private async cohortOfProgram(
    manager: EntityManager | DataSource,
    actor: AuthUser,
    cohortId: string,
    programId: string | null,
  ): Promise<{ program_id: string }> {
    const [cohort] = await manager.query<Array<{ program_id: string }>>(
      `SELECT c.program_id FROM cohort c
        WHERE c.id = $1 AND ($2::uuid IS NULL OR c.program_id = $2)
          AND (c.region_path <@ CAST($3 AS ltree) OR CAST($3 AS ltree) <@ c.region_path)`,
      [cohortId, programId, actor.regionPath],
    );
    if (!cohort) throw new DomainError('COHORT_NOT_FOUND', 'No such cohort of this program in your region.');
    return cohort;
  }

  private async openPairing(traineeId: string, programId: string): Promise<MentorshipSummaryDto | null> {
    const [row] = await this.dataSource.query<MentorshipRow[]>(
      `${MENTORSHIP_SELECT} WHERE ms.trainee_id = $1 AND ms.program_id = $2 AND ms.status IN ${OPEN}`,
      [traineeId, programId],
    );
    return row ? toSummaryDto(row) : null;
  }

  // ---- a cohort at once -----------------------------------------------------------------------

  /** Proposed pairs for the cohort's trainees in the administrator's region; nothing is saved. */
  async proposeForCohort(actor: AuthUser, cohortId: string): Promise<CohortProposalDto> {
    const { program_id: programId } = await this.cohortOfProgram(this.dataSource, actor, cohortId, null);
    const trainees = await this.dataSource.query<Array<TraineeRow & { paired: boolean }>>(
      `SELECT u.id, u.name, u.region_code,
              EXISTS (SELECT 1 FROM mentorship ms WHERE ms.trainee_id = u.id AND ms.program_id = $2
                         AND ms.status IN ${OPEN}) AS paired
         FROM enrolment e JOIN app_user u ON u.id = e.user_id
        WHERE e.cohort_id = $1 AND e.withdrawn_at IS NULL AND u.active AND e.region_path <@ CAST($3 AS ltree)
        ORDER BY u.name, u.id`,
      [cohortId, programId, actor.regionPath],
    );
    const [profiles, candidates] = await Promise.all([this.menteeProfiles(trainees), this.candidates(actor)]);
    const result = assignMentors(
      profiles.map((p, i) => ({ ...p, paired: trainees[i].paired })),
      candidates.map((c) => c.candidate),
    );
    const mentorById = new Map(candidates.map((c) => [c.profile.userId, c.profile]));
    const traineeById = new Map(trainees.map((t) => [t.id, t]));
    const regionName = await this.regionNamesOf(
      result.pairs.flatMap((p) =>
        p.reasons.flatMap((r) =>
          r.kind === 'region' ? [regionAtLevel(traineeById.get(p.menteeId)?.region_code ?? '', r.level)] : [],
        ),
      ),
    );
    return {
      cohortId,
      programId,
      pairs: result.pairs.map((p) => ({
        traineeId: p.menteeId,
        traineeName: traineeById.get(p.menteeId)?.name ?? '',
        mentor: mentorById.get(p.mentorId) as MentorProfileDto,
        score: p.score,
        reasons: p.reasons.map((r) =>
          r.kind === 'region'
            ? {
                ...r,
                regionName:
                  regionName.get(regionAtLevel(traineeById.get(p.menteeId)?.region_code ?? '', r.level)) ?? '',
              }
            : r,
        ),
      })),
      unassigned: result.unassigned.map((id) => ({ traineeId: id, traineeName: traineeById.get(id)?.name ?? '' })),
      alreadyPaired: result.alreadyPaired.length,
    };
  }

  /** Saves reviewed pairs of a cohort, each on its own (one full mentor does not undo the rest). */
  async saveForCohort(actor: AuthUser, cohortId: string, pairs: readonly ProposedPairDto[]): Promise<SavedPair[]> {
    const { program_id: programId } = await this.cohortOfProgram(this.dataSource, actor, cohortId, null);
    const saved: SavedPair[] = [];
    for (const pair of pairs) {
      try {
        const pairingId = await this.dataSource.transaction(async (tx) => {
          await this.traineeInScope(tx, actor, pair.traineeId, programId);
          return this.insertPair(tx, actor, pair.mentorId, pair.traineeId, programId, cohortId);
        });
        saved.push({ ...pair, pairingId, error: null });
      } catch (error) {
        if (
          error instanceof DomainError &&
          (error.code === 'MENTOR_FULL' ||
            error.code === 'ALREADY_PAIRED' ||
            error.code === 'MENTOR_NOT_FOUND' ||
            error.code === 'ENROLMENT_NOT_FOUND')
        ) {
          saved.push({ ...pair, pairingId: null, error: error.code });
        } else {
          throw error;
        }
      }
    }
    return saved;
  }

  // ---- lists ----------------------------------------------------------------------------------

  /** Pairings of trainees in the administrator's region. */
  async list(actor: AuthUser, query: PairingListQuery): Promise<Page<MentorshipSummaryDto>> {
    const rows = await this.dataSource.query<Array<MentorshipRow & { total: number }>>(
      `SELECT x.*, count(*) OVER ()::int AS total FROM (${MENTORSHIP_SELECT}
          WHERE t.region_path <@ CAST($1 AS ltree)
            AND ($2::uuid IS NULL OR ms.program_id = $2) AND ($3::uuid IS NULL OR ms.cohort_id = $3)
            AND ($4::text IS NULL OR ms.status = $4)) x
        ORDER BY x.created_at DESC, x.id LIMIT $5 OFFSET $6`,
      [
        actor.regionPath,
        query.programId ?? null,
        query.cohortId ?? null,
        query.status ?? null,
        query.limit,
        (query.page - 1) * query.limit,
      ],
    );
    return page(rows.map(toSummaryDto), rows[0]?.total ?? 0, query);
  }

  /** A mentor's mentees: open pairings first, with learning progress, goals due and unread messages. */
  async mentees(actor: AuthUser): Promise<MenteeDto[]> {
    const rows = await this.dataSource.query<
      Array<MentorshipRow & { earned: number; required: number; goals_due: number; unread: number }>
    >(
      `SELECT x.*,
              COALESCE((SELECT sum(l.credits) FROM credit_ledger l
                          JOIN program_course pc ON pc.course_id = l.course_id AND pc.program_id = x.program_id
                         WHERE l.user_id = x.trainee_id), 0)::float AS earned,
              (SELECT required_credits FROM program WHERE id = x.program_id)::float AS required,
              (SELECT count(*)::int FROM mentoring_goal g WHERE g.mentorship_id = x.id AND g.status = 'open'
                  AND g.due_on IS NOT NULL AND g.due_on <= current_date + 14) AS goals_due,
              (SELECT count(*)::int FROM mentoring_message mm WHERE mm.mentorship_id = x.id
                  AND mm.author_id <> $1 AND mm.read_at IS NULL) AS unread
         FROM (${MENTORSHIP_SELECT} WHERE ms.mentor_id = $1) x
        ORDER BY CASE x.status WHEN 'proposed' THEN 0 WHEN 'active' THEN 1 ELSE 2 END, x.trainee_name, x.id`,
      [actor.id],
    );
    return rows.map((row) => ({
      ...toSummaryDto(row),
      earnedCredits: Math.round(row.earned * 100) / 100,
      requiredCredits: row.required,
      goalsDue: row.goals_due,
      unreadMessages: row.unread,
    }));
  }

  /** A trainee's own pairings, open first. */
  async mine(actor: AuthUser): Promise<MentorshipSummaryDto[]> {
    const rows = await this.dataSource.query<MentorshipRow[]>(
      `${MENTORSHIP_SELECT} WHERE ms.trainee_id = $1
          -- a proposal the mentor declined was never the trainee's pairing
          AND NOT (ms.status = 'ended' AND ms.accepted_at IS NULL AND ms.created_by IS NOT NULL)
        ORDER BY CASE ms.status WHEN 'active' THEN 0 WHEN 'proposed' THEN 1 ELSE 2 END, ms.created_at DESC`,
      [actor.id],
    );
    return rows.map(toSummaryDto);
  }

  async summary(id: string): Promise<MentorshipSummaryDto> {
    const [row] = await this.dataSource.query<MentorshipRow[]>(`${MENTORSHIP_SELECT} WHERE ms.id = $1`, [id]);
    if (!row) throw new DomainError('MENTORSHIP_NOT_FOUND', 'No such pairing.');
    return toSummaryDto(row);
  }

  // ---- lifecycle ------------------------------------------------------------------------------

  /** The mentor (or an administrator above the trainee) accepts a proposed pairing: it becomes active. */
  async accept(actor: AuthUser, id: string): Promise<MentorshipSummaryDto> {
    await this.dataSource.transaction(async (tx) => {
      const row = await this.lockForChange(tx, actor, id, ['mentor', 'admin']);
      if (row.status !== 'proposed') {
        throw new DomainError(
          'MENTORSHIP_STATE_CONFLICT',
          `Only a proposed pairing is accepted; this one is ${row.status}.`,
        );
      }
      await tx.query(
        `UPDATE mentorship SET status = 'active', accepted_at = now(), started_at = now(), updated_at = now()
          WHERE id = $1`,
        [id],
      );
      await this.notifications.send(tx, [row.trainee_id], {
        kind: 'mentoring',
        title: `您的导师：${row.mentor_name}`,
        body: `${row.mentor_name}将在“${row.program_title}”中带教您。可以在“我的导师”里一起制定计划、记录交流。`,
        link: `/learn/mentor/${id}`,
      });
    });
    return this.summary(id);
  }

  /** The mentor or an administrator marks an active pairing completed. */
  async complete(actor: AuthUser, id: string): Promise<MentorshipSummaryDto> {
    await this.dataSource.transaction(async (tx) => {
      const row = await this.lockForChange(tx, actor, id, ['mentor', 'admin']);
      if (row.status !== 'active') {
        throw new DomainError(
          'MENTORSHIP_STATE_CONFLICT',
          `Only an active pairing is completed; this one is ${row.status}.`,
        );
      }
      await tx.query(`UPDATE mentorship SET status = 'completed', ended_at = now(), updated_at = now() WHERE id = $1`, [
        id,
      ]);
    });
    return this.summary(id);
  }

  /** Ends a proposed or active pairing early with a reason (the mentor declines, or an administrator ends it). */
  async end(actor: AuthUser, id: string, reason: string): Promise<MentorshipSummaryDto> {
    await this.dataSource.transaction(async (tx) => {
      const row = await this.lockForChange(tx, actor, id, ['mentor', 'admin']);
      if (row.status !== 'proposed' && row.status !== 'active') {
        throw new DomainError('MENTORSHIP_STATE_CONFLICT', `This pairing is already ${row.status}.`);
      }
      await tx.query(
        `UPDATE mentorship SET status = 'ended', ended_at = now(), end_reason = $2, updated_at = now() WHERE id = $1`,
        [id, reason],
      );
      // a proposed pairing was never shown to the trainee: only the mentor hears of its end
      const told = row.status === 'active' ? [row.mentor_id, row.trainee_id] : [row.mentor_id];
      const others = told.filter((u) => u !== actor.id);
      await this.notifications.send(tx, others, {
        kind: 'mentoring',
        title: `结对已结束：${row.mentor_name} — ${row.trainee_name}`,
        body: `“${row.program_title}”中的结对已结束。原因：${reason}`,
        link: null,
      });
    });
    return this.summary(id);
  }

  /**
   * The pairing, locked, when the actor is one of `as`: its mentor, or an administrator above its
   * trainee. Anyone else is told it does not exist.
   */
  private async lockForChange(
    tx: EntityManager,
    actor: AuthUser,
    id: string,
    as: ReadonlyArray<'mentor' | 'admin'>,
  ): Promise<MentorshipRow> {
    await tx.query(`SELECT 1 FROM mentorship WHERE id = $1 FOR UPDATE`, [id]);
    const [row] = await tx.query<MentorshipRow[]>(`${MENTORSHIP_SELECT} WHERE ms.id = $1`, [id]);
    if (row) {
      if (as.includes('mentor') && row.mentor_id === actor.id) return row;
      if (
        as.includes('admin') &&
        actor.roles.includes('admin') &&
        isWithinRegionPath(row.trainee_region_path, actor.regionPath)
      ) {
        return row;
      }
      if (row.trainee_id === actor.id) {
        throw new DomainError('FORBIDDEN', 'The trainee of a pairing does not change its state.');
      }
    }
    throw new DomainError('MENTORSHIP_NOT_FOUND', 'No such pairing, or you may not see it.');
  }
}
