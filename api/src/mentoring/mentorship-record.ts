import type { MentorshipStatus, MentorshipSummaryDto, Position } from '@lingyan/contracts';

/** A pairing row with the names lists show. */
export interface MentorshipRow {
  id: string;
  status: MentorshipStatus;
  program_id: string;
  program_title: string;
  mentor_id: string;
  mentor_name: string;
  trainee_id: string;
  trainee_name: string;
  trainee_region_name: string | null;
  trainee_position: Position | null;
  trainee_region_path: string;
  cohort_id: string | null;
  created_at: Date;
  started_at: Date | null;
  ended_at: Date | null;
  end_reason: string | null;
  last_contact_on: string | null;
  plan_agreed_mentor_at: Date | null;
  plan_agreed_trainee_at: Date | null;
}

/** `FROM mentorship ms` with its program, mentor and trainee: add a WHERE on `ms`, `t` (trainee) or `m`. */
export const MENTORSHIP_SELECT = `
  SELECT ms.id, ms.status, ms.program_id, p.title AS program_title, ms.mentor_id, m.name AS mentor_name,
         ms.trainee_id, t.name AS trainee_name, tr.name AS trainee_region_name, t.position AS trainee_position,
         t.region_path::text AS trainee_region_path, ms.cohort_id, ms.created_at,
         CASE WHEN ms.status = 'proposed' THEN NULL ELSE COALESCE(ms.accepted_at, ms.started_at) END AS started_at,
         ms.ended_at, ms.end_reason, ms.plan_agreed_mentor_at, ms.plan_agreed_trainee_at,
         (SELECT to_char(max(l.met_on), 'YYYY-MM-DD') FROM mentoring_log l WHERE l.mentorship_id = ms.id)
           AS last_contact_on
    FROM mentorship ms
    JOIN program p ON p.id = ms.program_id
    JOIN app_user m ON m.id = ms.mentor_id
    JOIN app_user t ON t.id = ms.trainee_id
    LEFT JOIN region tr ON tr.code = t.region_code`;

export function toSummaryDto(row: MentorshipRow): MentorshipSummaryDto {
  return {
    id: row.id,
    status: row.status,
    programId: row.program_id,
    programTitle: row.program_title,
    mentorId: row.mentor_id,
    mentorName: row.mentor_name,
    traineeId: row.trainee_id,
    traineeName: row.trainee_name,
    traineeRegionName: row.trainee_region_name,
    traineePosition: row.trainee_position,
    createdAt: row.created_at.toISOString(),
    startedAt: row.started_at ? row.started_at.toISOString() : null,
    endedAt: row.ended_at ? row.ended_at.toISOString() : null,
    endReason: row.end_reason,
    lastContactOn: row.last_contact_on,
  };
}
