import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type {
  GoalStatus,
  MeetingMode,
  MentorExpertise,
  MentoringGoalDto,
  MentoringLogEntryDto,
  MentoringMessageDto,
  MentorshipDto,
  MentorTitle,
  Page,
} from '@lingyan/contracts';
import { isWithinRegionPath } from '@lingyan/domain';
import type { AuthUser } from '../auth/auth-user';
import { DomainError, validationFailed } from '../common/domain-error';
import { page } from '../common/paging';
import { NotificationsService } from '../notifications/notifications.service';
import type { GoalDto, LogEntryDto, MessagePageQuery } from './mentoring.dto';
import { MENTORSHIP_SELECT, toSummaryDto, type MentorshipRow } from './mentorship-record';

type Viewer = 'mentor' | 'trainee' | 'admin';

interface Access {
  row: MentorshipRow;
  viewer: Viewer;
}

const MODE_NAMES: Record<MeetingMode, string> = { visit: '实地走访', phone: '电话', online: '线上' };

/**
 * What mentor and trainee do together in a pairing: the plan (goals with due dates and status, agreed
 * by both), the meeting log (either side adds; the trainee reflects), and a message thread. The mentor
 * and the trainee read and write their own pairing; administrators above the trainee read it. Anyone
 * else is told the pairing does not exist.
 */
@Injectable()
export class MentorshipWorkService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly notifications: NotificationsService,
  ) {}

  async detail(actor: AuthUser, id: string): Promise<MentorshipDto> {
    const { row, viewer } = await this.access(this.dataSource, actor, id);
    const [[mentor], goals, log] = await Promise.all([
      this.dataSource.query<
        Array<{ title: MentorTitle | null; expertise: string[] | null; region_name: string | null }>
      >(
        `SELECT mp.title, mp.expertise, r.name AS region_name
           FROM app_user u LEFT JOIN mentor_profile mp ON mp.user_id = u.id
           LEFT JOIN region r ON r.code = COALESCE(mp.region_code, u.region_code)
          WHERE u.id = $1`,
        [row.mentor_id],
      ),
      this.goals(id),
      this.log(id),
    ]);
    return {
      ...toSummaryDto(row),
      viewer,
      mentorTitle: mentor?.title ?? null,
      mentorExpertise: (mentor?.expertise ?? []) as MentorExpertise[],
      mentorRegionName: mentor?.region_name ?? null,
      goals,
      planAgreedByMentorAt: row.plan_agreed_mentor_at ? row.plan_agreed_mentor_at.toISOString() : null,
      planAgreedByTraineeAt: row.plan_agreed_trainee_at ? row.plan_agreed_trainee_at.toISOString() : null,
      log,
    };
  }

  // ---- the plan -------------------------------------------------------------------------------

  async addGoal(actor: AuthUser, id: string, dto: GoalDto): Promise<MentorshipDto> {
    await this.dataSource.transaction(async (tx) => {
      await this.writable(tx, actor, id);
      await tx.query(
        `INSERT INTO mentoring_goal (mentorship_id, title, due_on, status, created_by) VALUES ($1, $2, $3, $4, $5)`,
        [id, dto.title, dto.dueOn ?? null, dto.status ?? 'open', actor.id],
      );
      await this.planChanged(tx, id);
    });
    return this.detail(actor, id);
  }

  async updateGoal(actor: AuthUser, goalId: string, dto: GoalDto): Promise<MentorshipDto> {
    const id = await this.dataSource.transaction(async (tx) => {
      const [goal] = await tx.query<Array<{ mentorship_id: string; title: string; due_on: string | null }>>(
        `SELECT mentorship_id, title, to_char(due_on, 'YYYY-MM-DD') AS due_on FROM mentoring_goal WHERE id = $1`,
        [goalId],
      );
      if (!goal) throw new DomainError('NOT_FOUND', 'No such goal.');
      await this.writable(tx, actor, goal.mentorship_id);
      await tx.query(
        `UPDATE mentoring_goal SET title = $2, due_on = $3, status = COALESCE($4, status), updated_at = now()
          WHERE id = $1`,
        [goalId, dto.title, dto.dueOn ?? null, dto.status ?? null],
      );
      // Marking a goal done keeps the agreement; changing what was agreed asks for it again.
      if (goal.title !== dto.title || goal.due_on !== (dto.dueOn ?? null))
        await this.planChanged(tx, goal.mentorship_id);
      return goal.mentorship_id;
    });
    return this.detail(actor, id);
  }

  /** The actor agrees the plan as it stands. */
  async agree(actor: AuthUser, id: string): Promise<MentorshipDto> {
    await this.dataSource.transaction(async (tx) => {
      const { viewer } = await this.writable(tx, actor, id);
      const [{ goals }] = await tx.query<Array<{ goals: number }>>(
        `SELECT count(*)::int AS goals FROM mentoring_goal WHERE mentorship_id = $1 AND status <> 'dropped'`,
        [id],
      );
      if (goals === 0) throw new DomainError('MENTORSHIP_STATE_CONFLICT', 'A plan without goals cannot be agreed.');
      const column = viewer === 'mentor' ? 'plan_agreed_mentor_at' : 'plan_agreed_trainee_at';
      await tx.query(`UPDATE mentorship SET ${column} = now(), updated_at = now() WHERE id = $1`, [id]);
    });
    return this.detail(actor, id);
  }

  private async planChanged(tx: EntityManager, id: string): Promise<void> {
    await tx.query(
      `UPDATE mentorship SET plan_agreed_mentor_at = NULL, plan_agreed_trainee_at = NULL, updated_at = now()
        WHERE id = $1`,
      [id],
    );
  }

  private async goals(id: string): Promise<MentoringGoalDto[]> {
    const rows = await this.dataSource.query<
      Array<{ id: string; title: string; due_on: string | null; status: GoalStatus; author: string; updated_at: Date }>
    >(
      `SELECT g.id, g.title, to_char(g.due_on, 'YYYY-MM-DD') AS due_on, g.status, u.name AS author, g.updated_at
         FROM mentoring_goal g JOIN app_user u ON u.id = g.created_by
        WHERE g.mentorship_id = $1
        ORDER BY g.due_on NULLS LAST, g.created_at, g.id`,
      [id],
    );
    return rows.map((r) => ({
      id: r.id,
      title: r.title,
      dueOn: r.due_on,
      status: r.status,
      createdByName: r.author,
      updatedAt: r.updated_at.toISOString(),
    }));
  }

  // ---- the log --------------------------------------------------------------------------------

  async addLogEntry(actor: AuthUser, id: string, dto: LogEntryDto): Promise<MentoringLogEntryDto> {
    const entryId = await this.dataSource.transaction(async (tx) => {
      const { row, viewer } = await this.writable(tx, actor, id);
      const [{ future }] = await tx.query<Array<{ future: boolean }>>(
        `SELECT $1::date > (now() AT TIME ZONE 'Asia/Shanghai')::date AS future`,
        [dto.metOn],
      );
      if (future) {
        throw validationFailed([{ field: 'metOn', problem: 'a meeting is logged after it took place, not before' }]);
      }
      const [{ id: created }] = await tx.query<Array<{ id: string }>>(
        `INSERT INTO mentoring_log (mentorship_id, author_id, met_on, mode, topic, notes, follow_up)
         VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
        [id, actor.id, dto.metOn, dto.mode, dto.topic, dto.notes, dto.followUp ?? ''],
      );
      await this.tellTheOther(tx, row, viewer, {
        title: `新的帮带记录：${dto.topic}`,
        body: `${actor.name}记录了一次${MODE_NAMES[dto.mode]}交流（${dto.metOn}）：${dto.topic}`,
      });
      return created;
    });
    return (await this.log(id)).find((e) => e.id === entryId) as MentoringLogEntryDto;
  }

  /** The trainee's reflection on a meeting (again: replaced). */
  async reflect(actor: AuthUser, entryId: string, reflection: string): Promise<MentoringLogEntryDto> {
    const id = await this.dataSource.transaction(async (tx) => {
      const [entry] = await tx.query<Array<{ mentorship_id: string; topic: string }>>(
        `SELECT mentorship_id, topic FROM mentoring_log WHERE id = $1`,
        [entryId],
      );
      if (!entry) throw new DomainError('NOT_FOUND', 'No such log entry.');
      const { row, viewer } = await this.writable(tx, actor, entry.mentorship_id);
      if (viewer !== 'trainee')
        throw new DomainError('FORBIDDEN', 'Only the trainee of the pairing writes reflections.');
      await tx.query(`UPDATE mentoring_log SET reflection = $2, reflection_at = now() WHERE id = $1`, [
        entryId,
        reflection,
      ]);
      await this.tellTheOther(tx, row, viewer, {
        title: `${actor.name}写了心得体会`,
        body: `关于“${entry.topic}”：${reflection.slice(0, 80)}`,
      });
      return entry.mentorship_id;
    });
    return (await this.log(id)).find((e) => e.id === entryId) as MentoringLogEntryDto;
  }

  private async log(id: string): Promise<MentoringLogEntryDto[]> {
    const rows = await this.dataSource.query<
      Array<{
        id: string;
        author_id: string;
        author_name: string;
        met_on: string;
        mode: MeetingMode;
        topic: string;
        notes: string;
        follow_up: string;
        reflection: string | null;
        reflection_at: Date | null;
        created_at: Date;
      }>
    >(
      `SELECT l.id, l.author_id, u.name AS author_name, to_char(l.met_on, 'YYYY-MM-DD') AS met_on, l.mode, l.topic,
              l.notes, l.follow_up, l.reflection, l.reflection_at, l.created_at
         FROM mentoring_log l JOIN app_user u ON u.id = l.author_id
        WHERE l.mentorship_id = $1
        ORDER BY l.met_on DESC, l.created_at DESC, l.id`,
      [id],
    );
    return rows.map((r) => ({
      id: r.id,
      authorId: r.author_id,
      authorName: r.author_name,
      metOn: r.met_on,
      mode: r.mode,
      topic: r.topic,
      notes: r.notes,
      followUp: r.follow_up,
      reflection: r.reflection,
      reflectionAt: r.reflection_at ? r.reflection_at.toISOString() : null,
      createdAt: r.created_at.toISOString(),
    }));
  }

  // ---- messages -------------------------------------------------------------------------------

  /** The thread, newest first; reading it marks the other side's messages read. */
  async messages(actor: AuthUser, id: string, query: MessagePageQuery): Promise<Page<MentoringMessageDto>> {
    const { viewer } = await this.access(this.dataSource, actor, id);
    const rows = await this.dataSource.query<
      Array<{ id: string; author_id: string; author_name: string; body: string; created_at: Date; total: number }>
    >(
      `SELECT mm.id, mm.author_id, u.name AS author_name, mm.body, mm.created_at, count(*) OVER ()::int AS total
         FROM mentoring_message mm JOIN app_user u ON u.id = mm.author_id
        WHERE mm.mentorship_id = $1
        ORDER BY mm.created_at DESC, mm.id LIMIT $2 OFFSET $3`,
      [id, query.limit, (query.page - 1) * query.limit],
    );
    if (viewer !== 'admin') {
      await this.dataSource.query(
        `UPDATE mentoring_message SET read_at = now() WHERE mentorship_id = $1 AND author_id <> $2 AND read_at IS NULL`,
        [id, actor.id],
      );
    }
    return page(
      rows.map((r) => ({
        id: r.id,
        authorId: r.author_id,
        authorName: r.author_name,
        body: r.body,
        createdAt: r.created_at.toISOString(),
      })),
      rows[0]?.total ?? 0,
      query,
    );
  }

  async sendMessage(actor: AuthUser, id: string, body: string): Promise<MentoringMessageDto> {
    return this.dataSource.transaction(async (tx) => {
      const { row, viewer } = await this.writable(tx, actor, id);
      const [created] = await tx.query<Array<{ id: string; created_at: Date }>>(
        `INSERT INTO mentoring_message (mentorship_id, author_id, body) VALUES ($1, $2, $3) RETURNING id, created_at`,
        [id, actor.id, body],
      );
      await this.tellTheOther(tx, row, viewer, { title: `${actor.name}发来消息`, body: body.slice(0, 120) });
      return {
        id: created.id,
        authorId: actor.id,
        authorName: actor.name,
        body,
        createdAt: created.created_at.toISOString(),
      };
    });
  }

  // ---- who may ----------------------------------------------------------------------------------

  /** The pairing and who the actor is in it; a stranger is told it does not exist. */
  private async access(manager: EntityManager | DataSource, actor: AuthUser, id: string): Promise<Access> {
    const [row] = await manager.query<MentorshipRow[]>(`${MENTORSHIP_SELECT} WHERE ms.id = $1`, [id]);
    if (row) {
      if (row.mentor_id === actor.id) return { row, viewer: 'mentor' };
      // a proposed pairing is the mentor's to accept before the trainee sees it
      if (row.trainee_id === actor.id && row.status !== 'proposed') return { row, viewer: 'trainee' };
      if (actor.roles.includes('admin') && isWithinRegionPath(row.trainee_region_path, actor.regionPath)) {
        return { row, viewer: 'admin' };
      }
    }
    throw new DomainError('MENTORSHIP_NOT_FOUND', 'No such pairing, or you may not see it.');
  }

  /** Mentor and trainee write in an active pairing; administrators only read. */
  private async writable(
    tx: EntityManager,
    actor: AuthUser,
    id: string,
  ): Promise<Access & { viewer: 'mentor' | 'trainee' }> {
    await tx.query(`SELECT 1 FROM mentorship WHERE id = $1 FOR SHARE`, [id]);
    const access = await this.access(tx, actor, id);
    if (access.viewer === 'admin') {
      throw new DomainError('FORBIDDEN', 'Administrators read a pairing; its mentor and trainee write in it.');
    }
    if (access.row.status !== 'active') {
      throw new DomainError(
        'MENTORSHIP_STATE_CONFLICT',
        `The pairing is ${access.row.status}; only an active one is written in.`,
      );
    }
    return access as Access & { viewer: 'mentor' | 'trainee' };
  }

  private async tellTheOther(
    tx: EntityManager,
    row: MentorshipRow,
    viewer: 'mentor' | 'trainee',
    message: { title: string; body: string },
  ): Promise<void> {
    const other = viewer === 'mentor' ? row.trainee_id : row.mentor_id;
    const link = viewer === 'mentor' ? `/learn/mentor/${row.id}` : `/mentor/pairings/${row.id}`;
    await this.notifications.send(tx, [other], { kind: 'mentoring', ...message, link });
  }
}
