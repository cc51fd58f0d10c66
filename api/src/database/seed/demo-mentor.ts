import type { EntityManager } from 'typeorm';
import type { MentorExpertise } from '@lingyan/contracts';

/** The demo mentor's profile: a provincial master secretary of 淳安县 with room for five mentees. */
export const DEMO_MENTOR_PROFILE = {
  username: 'mentor',
  title: 'province',
  expertise: ['rural_tourism', 'governance', 'industry'] satisfies MentorExpertise[],
  regionCode: '330127',
  capacity: 5,
  bio: '从村党支部书记干起，带领村里发展民宿和研学游，村集体经营性收入从不到 10 万元增长到 300 多万元。擅长乡村旅游和村级议事协商。',
} as const;

/** Gives the demo mentor a profile (false when the demo accounts are not there). */
export async function seedDemoMentor(tx: EntityManager): Promise<boolean> {
  const p = DEMO_MENTOR_PROFILE;
  const inserted = await tx.query<unknown[]>(
    `INSERT INTO mentor_profile (user_id, title, expertise, region_code, capacity, bio)
     SELECT id, $2, $3, $4, $5, $6 FROM app_user WHERE username = $1
     ON CONFLICT (user_id) DO NOTHING
     RETURNING user_id`,
    [p.username, p.title, p.expertise, p.regionCode, p.capacity, p.bio],
  );
  return inserted.length > 0;
}
