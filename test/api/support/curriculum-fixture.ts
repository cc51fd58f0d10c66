import { withClient } from './test-database';

export interface CurriculumFixture {
  programId: string;
  sequentialCourseId: string;
  openCourseId: string;
  draftCourseId: string;
  /** Modules of the sequential course, in order (articles of 1, 20 and 40 minutes). */
  modules: string[];
  openModuleId: string;
  draftModuleId: string;
}

/**
 * A small published program written straight into the suite's database: a sequential course of
 * three articles, an open course of one article and a draft course, with `trainee` enrolled (and
 * nobody enrolled in the demo program).
 */
export async function createCurriculum(databaseUrl: string): Promise<CurriculumFixture> {
  return withClient(databaseUrl, async (c) => {
    const trainer = (await c.query(`SELECT id FROM app_user WHERE username = 'trainer'`)).rows[0].id as string;
    const program = (
      await c.query(
        `INSERT INTO program (title, year, kind, required_credits, starts_on, ends_on, status, owner_id)
         VALUES ('测试轮训', 2026, 'rotation', 2, '2026-01-01', '2026-12-31', 'published', $1) RETURNING id`,
        [trainer],
      )
    ).rows[0].id as string;
    const course = async (title: string, sequential: boolean, status: string) =>
      (
        await c.query(
          `INSERT INTO course (title, summary, category, sequential, status, owner_id)
           VALUES ($1, '摘要', 'party_building', $2, $3, $4) RETURNING id`,
          [title, sequential, status, trainer],
        )
      ).rows[0].id as string;
    const sequentialCourseId = await course('党建引领', true, 'published');
    const openCourseId = await course('共富工坊', false, 'published');
    const draftCourseId = await course('草稿课程', false, 'draft');
    let position = 0;
    for (const [courseId, required] of [
      [sequentialCourseId, true],
      [openCourseId, false],
      [draftCourseId, true],
    ] as const) {
      await c.query(`INSERT INTO program_course (program_id, course_id, required, position) VALUES ($1, $2, $3, $4)`, [
        program,
        courseId,
        required,
        position++,
      ]);
    }
    const module = async (courseId: string, pos: number, title: string, minutes: number, credits: number) =>
      (
        await c.query(
          `INSERT INTO module (course_id, position, kind, title, body, estimated_minutes, credits)
           VALUES ($1, $2, 'article', $3, $4, $5, $6) RETURNING id`,
          [courseId, pos, title, `## ${title}\n\n正文。`, minutes, credits],
        )
      ).rows[0].id as string;
    const modules = [
      await module(sequentialCourseId, 0, '第一课', 1, 0.25),
      await module(sequentialCourseId, 1, '第二课', 20, 0.5),
      await module(sequentialCourseId, 2, '第三课', 40, 1),
    ];
    const openModuleId = await module(openCourseId, 0, '共富工坊怎么办', 1, 0.25);
    const draftModuleId = await module(draftCourseId, 0, '未发布', 1, 0.25);
    // Only this program counts in the suite: the demo program's enrolments are taken out.
    await c.query(`DELETE FROM program_enrolment`);
    await c.query(
      `INSERT INTO program_enrolment (program_id, user_id) SELECT $1, id FROM app_user WHERE username = 'trainee'`,
      [program],
    );
    return {
      programId: program,
      sequentialCourseId,
      openCourseId,
      draftCourseId,
      modules,
      openModuleId,
      draftModuleId,
    };
  });
}
