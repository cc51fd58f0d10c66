import type { DataSource } from 'typeorm';
import { toTsvectorText } from '@lingyan/domain';

/** Phrases that posts of village secretaries are made of, combined into 50,000 different posts. */
const TOPICS = [
  '白茶产业',
  '共富工坊',
  '民宿合作社',
  '集体经济',
  '四议两公开',
  '垃圾分类',
  '数字乡村',
  '乡村旅游',
  '矛盾调解',
  '党建联建',
  '来料加工',
  '强村公司',
  '村级议事',
  '农村电商',
  '红色教育',
  '生态修复',
];
const VERBS = ['带动', '发展', '办好', '推进', '壮大', '创新', '规范', '探索'];
const TAILS = [
  '村民增收',
  '村集体年收入翻番',
  '留守妇女就近就业',
  '村容村貌焕然一新',
  '群众满意度提高',
  '年轻人回村创业',
  '邻里纠纷少了',
  '游客多了起来',
];
const PLACES = ['下姜村', '黄杜村', '余村', '鲁家村', '横坎头村', '梅林村', '溪龙乡', '安吉县', '淳安县'];

const pick = <T>(list: readonly T[], n: number): T => list[n % list.length];

/**
 * 50,000 published posts by the first trainees, with their search tokens made by the same code the
 * API uses, inserted in batches; ANALYZE afterwards is the caller's.
 */
export async function seedPosts(dataSource: DataSource, count = 50_000): Promise<void> {
  const authors = await dataSource.query<Array<{ id: string; region_path: string }>>(
    `SELECT id, region_path::text AS region_path FROM app_user WHERE 'trainee' = ANY(roles) ORDER BY id LIMIT 500`,
  );
  const BATCH = 2_000;
  for (let start = 0; start < count; start += BATCH) {
    const rows: Array<[string, string, string, string, string, string]> = [];
    for (let i = start; i < Math.min(count, start + BATCH); i++) {
      const topic = pick(TOPICS, i * 7 + 3);
      const other = pick(TOPICS, i * 13 + 5);
      const title = `${pick(PLACES, i)}${pick(VERBS, i * 3)}${topic}的做法（${i}）`;
      const body =
        `我们${pick(PLACES, i * 5)}这几年${pick(VERBS, i)}${topic}，${pick(TAILS, i * 11)}。` +
        `经验有三条：一是${pick(VERBS, i * 17)}${other}，二是发挥党员带头作用，三是${pick(TAILS, i * 19)}。`;
      const author = pick(authors, i);
      rows.push([
        author.id,
        author.region_path,
        title,
        body,
        `${body.slice(0, 118)}…`,
        `${toTsvectorText(title)}|${toTsvectorText(body)}`,
      ]);
    }
    await dataSource.query(
      `INSERT INTO post (author_id, status, title, body, body_html, excerpt, region_path, search, published_at)
       SELECT a, 'published', t, b, '<p>' || b || '</p>', e, CAST(r AS ltree),
              setweight(CAST(split_part(s, '|', 1) AS tsvector), 'A') || setweight(CAST(split_part(s, '|', 2) AS tsvector), 'B'),
              now() - (n || ' minutes')::interval
         FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::int[])
           AS x(a, r, t, b, e, s, n)`,
      [
        rows.map((r) => r[0]),
        rows.map((r) => r[1]),
        rows.map((r) => r[2]),
        rows.map((r) => r[3]),
        rows.map((r) => r[4]),
        rows.map((r) => r[5]),
        rows.map((_, k) => start + k),
      ],
    );
  }
}
