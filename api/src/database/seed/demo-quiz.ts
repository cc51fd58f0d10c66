import type { EntityManager } from 'typeorm';
import type { AssignmentSettings, QuestionRequest, QuizSettings } from '@lingyan/contracts';
import { DEFAULT_QUIZ_SETTINGS } from '@lingyan/contracts';
import { defaultPoints, moduleCompletionCredits } from '@lingyan/domain';

/** The demo course that gets a quiz, and the quiz. */
export const DEMO_QUIZ_COURSE = '党建联建与村级组织力提升';
export const DEMO_QUIZ_TITLE = '单元测验：党建联建与“四议两公开”';

const QUESTIONS: QuestionRequest[] = [
  {
    kind: 'single',
    stem: '按照“四议两公开”工作法，村级重大事项首先由谁提议？',
    options: [
      { id: 'a', text: '村党组织' },
      { id: 'b', text: '村民委员会' },
      { id: 'c', text: '乡镇党委' },
      { id: 'd', text: '村务监督委员会' },
    ],
    key: { kind: 'single', optionId: 'a' },
    explanation: '“四议”依次是村党组织提议、村“两委”联席会议商议、党员大会审议、村民会议或村民代表会议决议。',
    tags: ['四议两公开'],
    difficulty: 'easy',
  },
  {
    kind: 'single',
    stem: '“两公开”指的是哪两项公开？',
    options: [
      { id: 'a', text: '决议公开、实施结果公开' },
      { id: 'b', text: '财务公开、党务公开' },
      { id: 'c', text: '提议公开、审议公开' },
    ],
    key: { kind: 'single', optionId: 'a' },
    explanation: '“两公开”是决议公开和实施结果公开，接受群众监督。',
    tags: ['四议两公开'],
  },
  {
    kind: 'multiple',
    stem: '党建联建可以在哪些主体之间开展？（多选）',
    options: [
      { id: 'a', text: '相邻村之间' },
      { id: 'b', text: '村与企业之间' },
      { id: 'c', text: '村与机关事业单位之间' },
      { id: 'd', text: '村党组织与境外组织之间' },
    ],
    key: { kind: 'multiple', optionIds: ['a', 'b', 'c'] },
    explanation: '联建的对象是相邻村、企业、机关、学校、社会组织等，围绕共同发展目标结对共建。',
    tags: ['党建联建'],
  },
  {
    kind: 'true_false',
    stem: '村级重大事项经党员大会审议后即可实施，无须再经村民会议或村民代表会议决议。',
    key: { kind: 'true_false', value: false },
    explanation: '党员大会审议之后，还要提交村民会议或村民代表会议讨论决议。',
    tags: ['四议两公开'],
  },
  {
    kind: 'fill_blank',
    stem: '党建联建要坚持“以党建带___、以联建促___”，让组织优势转化为发展优势。',
    key: {
      kind: 'fill_blank',
      blanks: [
        ['发展', '共建'],
        ['共富', '共同富裕'],
      ],
    },
    explanation: '联建的落脚点是发展和共富：资源共享、产业共兴、治理共抓。',
    tags: ['党建联建'],
    difficulty: 'medium',
  },
  {
    kind: 'short_answer',
    stem: '结合本村实际，谈谈你准备和哪个村（企业）开展联建、联建什么。',
    key: { kind: 'short_answer', reference: '写明联建对象、共同目标、具体项目和分工，做法可落地、可检验。' },
    tags: ['党建联建'],
    difficulty: 'hard',
  },
];

const SETTINGS = (questionIds: string[]): QuizSettings => ({
  ...DEFAULT_QUIZ_SETTINGS,
  questionIds,
  timeLimitMinutes: 15,
  maxAttempts: 3,
  passPercent: 60,
});

/** A question bank and a quiz at the end of the demo course; false when the course is not there. */
export async function seedDemoQuiz(tx: EntityManager): Promise<boolean> {
  const [course] = await tx.query<Array<{ id: string; owner_id: string }>>(
    `SELECT id, owner_id FROM course WHERE title = $1 AND revision_of IS NULL LIMIT 1`,
    [DEMO_QUIZ_COURSE],
  );
  if (!course) return false;
  const ids: string[] = [];
  for (const q of QUESTIONS) {
    const [row] = await tx.query<Array<{ id: string }>>(
      `INSERT INTO question (course_id, kind, stem, options, key, explanation, tags, difficulty, points, created_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id`,
      [
        course.id,
        q.kind,
        q.stem,
        JSON.stringify(q.options ?? []),
        JSON.stringify(q.key),
        q.explanation ?? '',
        q.tags ?? [],
        q.difficulty ?? 'medium',
        q.points ?? defaultPoints(q.kind),
        course.owner_id,
      ],
    );
    ids.push(row.id);
  }
  const minutes = 15;
  await tx.query(
    `INSERT INTO module (course_id, position, kind, title, estimated_minutes, credits, quiz)
     SELECT $1, coalesce(max(position) + 1, 0), 'quiz', $2, $3, $4, $5 FROM module WHERE course_id = $1`,
    [course.id, DEMO_QUIZ_TITLE, minutes, moduleCompletionCredits(minutes).credits, JSON.stringify(SETTINGS(ids))],
  );
  return true;
}

export const DEMO_ASSIGNMENT_TITLE = '实践作业：拟定一份党建联建工作方案';

const ASSIGNMENT_TASK = `## 作业要求

结合本村实际，拟定一份党建联建工作方案（800 字以上），可以附上现场照片或已有的文件（PDF、图片）。

方案至少写清楚：

1. **联建对象**：和哪个村、企业或单位联建，为什么选它；
2. **共同目标**：联建要解决本村的什么问题，一年后达到什么样子；
3. **具体项目**：两到三个可以落地的项目，各自的牵头人和时间表；
4. **保障机制**：联席会议怎么开、资源怎么共享、收益怎么分配。

> 培训师将按下面的评分量表评阅。未达合格线的，会退回修改。`;

const ASSIGNMENT: AssignmentSettings = {
  rubric: {
    criteria: [
      {
        id: 'fit',
        name: '切合村情',
        levels: [
          { label: '不足', points: 0 },
          { label: '基本切合', points: 6 },
          { label: '切合', points: 8 },
          { label: '非常切合', points: 10 },
        ],
      },
      {
        id: 'projects',
        name: '项目可落地',
        levels: [
          { label: '不足', points: 0 },
          { label: '基本可行', points: 6 },
          { label: '可行', points: 8 },
          { label: '具体可行', points: 10 },
        ],
      },
      {
        id: 'mechanism',
        name: '机制完整',
        levels: [
          { label: '缺失', points: 0 },
          { label: '部分', points: 3 },
          { label: '完整', points: 5 },
        ],
      },
    ],
  },
  dueAt: null,
  passPercent: 60,
  maxFiles: 5,
};

/** A practical assignment after the demo quiz; false when the course is not there. */
export async function seedDemoAssignment(tx: EntityManager): Promise<boolean> {
  const [course] = await tx.query<Array<{ id: string }>>(
    `SELECT id FROM course WHERE title = $1 AND revision_of IS NULL LIMIT 1`,
    [DEMO_QUIZ_COURSE],
  );
  if (!course) return false;
  const minutes = 60;
  await tx.query(
    `INSERT INTO module (course_id, position, kind, title, body, estimated_minutes, credits, assignment)
     SELECT $1, coalesce(max(position) + 1, 0), 'assignment', $2, $3, $4, $5, $6 FROM module WHERE course_id = $1`,
    [
      course.id,
      DEMO_ASSIGNMENT_TITLE,
      ASSIGNMENT_TASK,
      minutes,
      moduleCompletionCredits(minutes).credits,
      JSON.stringify(ASSIGNMENT),
    ],
  );
  return true;
}
