import request from 'supertest';
import type {
  ModerationReportDto,
  NotificationPage,
  PostCommentDto,
  PostDto,
  PostFeedDto,
  PostImageDto,
  PostSummaryDto,
} from '@lingyan/contracts';
import sharp from 'sharp';
import { authoring } from './support/api-helpers';
import { createCadres, sql, VILLAGES, type Cadre } from './support/cohort-helpers';
import { bearer, startTestApp, type TestApp } from './support/test-app';

/** Payloads that try to run script through Markdown, raw HTML, links and images. */
const XSS = [
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  '<svg onload=alert(1)></svg>',
  '[点我](javascript:alert(1))',
  '<a href="javascript:alert(1)">链接</a>',
  '<iframe src="https://evil.example"></iframe>',
  '<div style="background:url(javascript:alert(1))">x</div>',
  '![图](javascript:alert(1))',
  '<a href="  JaVaScRiPt:alert(1)">大小写</a>',
  '<details open ontoggle=alert(1)>',
  '<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>',
  '<form action="javascript:alert(1)"><button>提交</button></form>',
  '[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)',
];

/** Pseudo-random bytes (a fixed sequence), so a test photo does not compress to nothing. */
function noise(length: number): Uint8Array {
  const bytes = new Uint8Array(length);
  let x = 2463534242;
  for (let i = 0; i < length; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    bytes[i] = x & 0x3f;
  }
  return bytes;
}

/** Whether HTML holds anything a browser would run. */
function executable(html: string): boolean {
  return (
    /<\s*(script|iframe|object|embed|svg|math|style|form|details|base|meta|link)\b/i.test(html) ||
    /\son[a-z]+\s*=/i.test(html) ||
    /(href|src)\s*=\s*["']?\s*(javascript|data|vbscript):/i.test(html) ||
    /style\s*=/i.test(html)
  );
}

describe('sharing: posts, search, reactions', () => {
  let t: TestApp;
  let a: Cadre;
  let b: Cadre;
  let trainer: string;

  const as = (token: string) => ({
    get: (path: string) => request(t.http).get(`/api${path}`).set('Authorization', token),
    post: (path: string, body: object = {}) =>
      request(t.http).post(`/api${path}`).set('Authorization', token).send(body),
    put: (path: string, body: object = {}) => request(t.http).put(`/api${path}`).set('Authorization', token).send(body),
    delete: (path: string) => request(t.http).delete(`/api${path}`).set('Authorization', token),
  });

  async function publish(token: string, title: string, body: string, tags: string[] = []): Promise<PostDto> {
    const created = await as(token).post('/sharing/posts', { title, body, tags });
    expect(created.status).toBe(201);
    const published = await as(token).post(`/sharing/posts/${created.body.id}/publish`);
    expect(published.status).toBe(200);
    return published.body as PostDto;
  }

  beforeAll(async () => {
    // the per-person limits scaled up: these tests post much more than a person would; the limits
    // themselves are tested on an app of their own below
    t = await startTestApp({ SHARING_LIMIT_SCALE: '100' });
    trainer = await bearer(t, 'trainer');
    [a, b] = await createCadres(t, [
      { username: 'share-a', village: VILLAGES.anji, name: '宋书记' },
      { username: 'share-b', village: VILLAGES.xiajiang, name: '姜书记' },
    ]);
  });
  afterAll(() => t.close());

  describe('posts', () => {
    it('keeps a draft to its author, and publishes it only with a title and a body', async () => {
      const draft = await as(a.token).post('/sharing/posts', { title: '', body: '先写几句', tags: [] });
      expect(draft.status).toBe(201);
      expect(draft.body).toMatchObject({ status: 'draft', body: '先写几句' });
      expect((await as(b.token).get(`/sharing/posts/${draft.body.id}`)).status).toBe(404);
      const refused = await as(a.token).post(`/sharing/posts/${draft.body.id}/publish`);
      expect(refused.status).toBe(400);
      expect(refused.body.details.map((d: { field: string }) => d.field)).toEqual(['title']);
      // autosave, then publish
      const saved = await as(a.token).put(`/sharing/posts/${draft.body.id}`, {
        title: '白茶合作社怎么分红',
        body: '我们村**白茶产业**合作社按股分红。',
        tags: ['产业发展', '白茶'],
      });
      expect(saved.status).toBe(200);
      const edit = { title: '改标题', body: '改正文', tags: [] };
      expect((await as(b.token).put(`/sharing/posts/${draft.body.id}`, edit)).status).toBe(404);
      const published = await as(a.token).post(`/sharing/posts/${draft.body.id}/publish`);
      expect(published.body).toMatchObject({
        status: 'published',
        title: '白茶合作社怎么分红',
        tags: ['产业发展', '白茶'],
        author: { name: '宋书记', position: 'secretary', regionName: '黄杜村' },
      });
      expect(published.body.bodyHtml).toContain('<strong>白茶产业</strong>');
      const read = await as(b.token).get(`/sharing/posts/${draft.body.id}`);
      expect(read.status).toBe(200);
      expect(read.body.body).toBeNull();
      expect(read.body.excerpt).toBe('我们村白茶产业合作社按股分红。');
    });

    it('refuses a bad post with every problem named, and changes nothing', async () => {
      const bad = await as(a.token).post('/sharing/posts', {
        title: '题'.repeat(81),
        body: 3,
        tags: ['一', '二', '三', '四', '五', '六', '七'],
      });
      expect(bad.status).toBe(400);
      expect(bad.body.details.map((d: { field: string }) => d.field).sort()).toEqual(['body', 'tags', 'title']);
      const course = await as(a.token).post('/sharing/posts', {
        title: '题',
        body: '文',
        tags: [],
        courseId: '00000000-0000-4000-8000-000000000000',
      });
      expect(course.status).toBe(404);
      const mine = (await as(a.token).get('/sharing/posts/mine')).body as PostSummaryDto[];
      expect(mine).toHaveLength(1);
    });
  });

  describe('sanitising', () => {
    it('never gives back anything executable from the body, whatever the payload', async () => {
      for (const payload of XSS) {
        const post = await publish(b.token, `测试 ${payload}`, `正文\n\n${payload}\n\n结尾`, [payload.slice(0, 12)]);
        expect(executable(post.bodyHtml)).toBe(false);
        // what follows survives (unless the payload opened a raw-text element like <style> that swallows it)
        if (!payload.includes('<style>')) expect(post.bodyHtml).toContain('结尾');
        // title and tags are text: kept as written (the screens show them as text), never as HTML
        expect(post.title).toBe(`测试 ${payload}`.slice(0, 80));
        expect(post.excerpt).not.toMatch(/<\s*(script|img|svg|iframe)/i);
      }
    });

    it('gives back comments and replies as the text written, never as HTML', async () => {
      const post = await publish(a.token, '评论安全', '评论只当文字。');
      for (const payload of XSS) {
        const answer = await as(b.token).post(`/sharing/posts/${post.id}/comments`, { body: payload });
        expect(answer.status).toBe(201);
      }
      const list = (await as(a.token).get(`/sharing/posts/${post.id}/comments`)).body as PostCommentDto[];
      expect(list.map((c) => c.body)).toEqual(XSS);
      // no field of a comment carries markup to be rendered: the screens show the text as text
      expect(Object.keys(list[0]).sort()).toEqual(['author', 'body', 'createdAt', 'id', 'replies']);
    });

    it('keeps ordinary formatting, links and images', async () => {
      const post = await publish(
        b.token,
        '格式',
        '## 做法\n\n- 第一条\n- 第二条\n\n> 引用\n\n[浙江组工](https://www.zjzg.gov.cn) ![合作社](https://example.org/a.jpg)',
      );
      expect(post.bodyHtml).toContain('<h2>做法</h2>');
      expect(post.bodyHtml).toContain('<li>第一条</li>');
      expect(post.bodyHtml).toContain('<blockquote>');
      expect(post.bodyHtml).toMatch(/<a href="https:\/\/www\.zjzg\.gov\.cn"[^>]*rel="noopener noreferrer nofollow"/);
      expect(post.bodyHtml).toContain('<img src="https://example.org/a.jpg" alt="合作社" />');
    });
  });

  describe('search', () => {
    let baicha: PostDto;
    let gongfuTitle: PostDto;
    let gongfuBody: PostDto;
    let ai: PostDto;

    beforeAll(async () => {
      baicha = await publish(a.token, '溪龙乡的经验', '依托白茶产业，村集体年收入翻了一番。');
      gongfuTitle = await publish(b.token, '共富工坊开在村口', '闲置校舍改成车间，三十多位村民就近就业。');
      gongfuBody = await publish(a.token, '来料加工', '我们也学着办了一个共富工坊，带动留守妇女。');
      ai = await publish(b.token, '用AI助手记村账', '村会计用 AI 助手整理台账，省了不少时间。');
      await publish(a.token, '红茶加工', '红茶的发酵工艺。');
    });

    const ids = async (q: string) =>
      ((await as(b.token).get(`/sharing/search?q=${encodeURIComponent(q)}`)).body as PostFeedDto).items.map(
        (p) => p.id,
      );

    it('finds 白茶 inside 白茶产业 in a body', async () => {
      const found = await ids('白茶');
      expect(found).toContain(baicha.id);
      expect(found).not.toContain(gongfuTitle.id);
    });

    it('finds 共富工坊 in a title or a body, the title first', async () => {
      const found = await ids('共富工坊');
      expect(found.slice(0, 2)).toEqual([gongfuTitle.id, gongfuBody.id]);
      expect(found).not.toContain(baicha.id);
    });

    it('pages through many results by cursor, each post once', async () => {
      const many: string[] = [];
      for (let i = 0; i < 55; i++) many.push((await publish(b.token, `秸秆还田第${i}年`, '秸秆还田的做法。')).id);
      const first = (await as(a.token).get(`/sharing/search?q=${encodeURIComponent('秸秆')}`)).body as PostFeedDto;
      expect(first.items).toHaveLength(50);
      expect(first.nextCursor).not.toBeNull();
      const second = (
        await as(a.token).get(`/sharing/search?q=${encodeURIComponent('秸秆')}&cursor=${first.nextCursor}`)
      ).body as PostFeedDto;
      expect(second.nextCursor).toBeNull();
      const seen = [...first.items, ...second.items].map((p) => p.id);
      expect(seen.sort()).toEqual([...many].sort());
      expect((await as(a.token).get(`/sharing/search?q=x&cursor=bm9wZQ`)).status).toBe(400);
    });

    it('finds a single character, and mixed Chinese and English', async () => {
      expect(await ids('茶')).toEqual(expect.arrayContaining([baicha.id]));
      expect(await ids('AI助手')).toEqual([ai.id]);
      expect(await ids('ai 助手')).toEqual([ai.id]);
      expect(await ids('绿茶')).toEqual([]);
      expect(await ids('，。')).toEqual([]);
    });
  });

  describe('reactions', () => {
    it('counts one 有用 per person however many taps arrive at once', async () => {
      const post = await publish(a.token, '一次一票', '并发点击只算一次。');
      const taps = await Promise.all(
        Array.from({ length: 12 }, () => as(b.token).put(`/sharing/posts/${post.id}/useful`)),
      );
      expect(taps.every((r) => r.status === 200)).toBe(true);
      const read = (await as(b.token).get(`/sharing/posts/${post.id}`)).body as PostDto;
      expect(read).toMatchObject({ usefulCount: 1, markedUseful: true });
      await as(trainer).put(`/sharing/posts/${post.id}/useful`);
      expect(((await as(a.token).get(`/sharing/posts/${post.id}`)).body as PostDto).usefulCount).toBe(2);
      const undo = await request(t.http).delete(`/api/sharing/posts/${post.id}/useful`).set('Authorization', b.token);
      expect(undo.body).toEqual({ usefulCount: 1, markedUseful: false });
      // taking it back twice takes one away only
      const again = await request(t.http).delete(`/api/sharing/posts/${post.id}/useful`).set('Authorization', b.token);
      expect(again.body).toEqual({ usefulCount: 1, markedUseful: false });
    });
  });

  describe('bookmarks and deleting', () => {
    it('lists a reader’s bookmarks, latest first, without posts that were hidden or deleted', async () => {
      const first = await publish(a.token, '收藏一', '第一篇。');
      const second = await publish(a.token, '收藏二', '第二篇。');
      const third = await publish(a.token, '收藏三', '第三篇。');
      for (const post of [first, second, third]) {
        expect((await as(b.token).put(`/sharing/posts/${post.id}/bookmark`)).status).toBe(200);
      }
      const saved = async (token: string) =>
        ((await as(token).get('/sharing/bookmarks')).body as PostSummaryDto[]).map((p) => p.id);
      expect((await saved(b.token)).slice(0, 3)).toEqual([third.id, second.id, first.id]);
      expect(await saved(a.token)).not.toContain(first.id);
      await as(b.token).delete(`/sharing/posts/${second.id}/bookmark`);
      expect(await saved(b.token)).not.toContain(second.id);
      await as(trainer).post(`/sharing/moderation/posts/${third.id}/hide`, { reason: '重复发布' });
      expect(await saved(b.token)).not.toContain(third.id);
      expect(await saved(b.token)).toContain(first.id);
    });

    it('lets only the author delete a post, with its discussion, and keeps a case module made from it', async () => {
      const post = await publish(a.token, '要删除的经验', '写错了，删掉重写。');
      await as(b.token).post(`/sharing/posts/${post.id}/comments`, { body: '评论' });
      await as(b.token).put(`/sharing/posts/${post.id}/useful`);
      const course = await authoring(t).createCourse(trainer, { title: '删除测试课程' });
      const made = await as(trainer).post(`/sharing/posts/${post.id}/case-module`, { courseId: course.id });
      expect(made.status).toBe(201);

      expect((await as(b.token).delete(`/sharing/posts/${post.id}`)).status).toBe(404);
      expect((await as(trainer).delete(`/sharing/posts/${post.id}`)).status).toBe(404);
      expect((await as(b.token).get(`/sharing/posts/${post.id}`)).status).toBe(200);

      expect((await as(a.token).delete(`/sharing/posts/${post.id}`)).status).toBe(204);
      expect((await as(b.token).get(`/sharing/posts/${post.id}`)).status).toBe(404);
      expect((await as(a.token).delete(`/sharing/posts/${post.id}`)).status).toBe(404);
      const [left] = await sql<{ comments: number; reactions: number }>(
        t,
        `SELECT (SELECT count(*)::int FROM post_comment WHERE post_id = $1) AS comments,
                (SELECT count(*)::int FROM post_reaction WHERE post_id = $1) AS reactions`,
        [post.id],
      );
      expect(left).toEqual({ comments: 0, reactions: 0 });
      const [module] = await sql<{ title: string; source_post_id: string | null }>(
        t,
        `SELECT title, source_post_id FROM module WHERE id = $1`,
        [made.body.moduleId],
      );
      expect(module).toEqual({ title: '案例：要删除的经验', source_post_id: null });
    });
  });

  describe('feed', () => {
    it('pages by cursor without duplicates or gaps while new posts arrive', async () => {
      for (let i = 0; i < 25; i++) await publish(a.token, `分页测试 ${i}`, `第 ${i} 篇`);
      const seen: string[] = [];
      let cursor: string | null = null;
      let arrived = 0;
      do {
        const path = `/sharing/feed${cursor ? `?cursor=${cursor}` : ''}`;
        const page = (await as(b.token).get(path)).body as PostFeedDto;
        seen.push(...page.items.map((p) => p.id));
        cursor = page.nextCursor;
        // somebody publishes while the reader pages
        if (arrived++ < 2) await publish(b.token, `新帖 ${arrived}`, '翻页时发布');
      } while (cursor);
      expect(new Set(seen).size).toBe(seen.length);
      const all = await sql<{ id: string }>(
        t,
        `SELECT id FROM post WHERE status = 'published' AND hidden_at IS NULL ORDER BY published_at DESC, id DESC`,
      );
      // everything published before the first page was read, in order, nothing skipped
      const before = all.map((r) => r.id).filter((id) => seen.includes(id));
      expect(seen).toEqual(before);
      expect(seen.length).toBe(all.length - 2);
      expect((await as(b.token).get('/sharing/feed?cursor=bm9wZQ')).status).toBe(400);
    });

    it('narrows to a tag, and to the reader’s county', async () => {
      const tagged = (await as(b.token).get(`/sharing/feed?tag=${encodeURIComponent('白茶')}`)).body as PostFeedDto;
      expect(tagged.items.map((p) => p.title)).toEqual(['白茶合作社怎么分红']);
      // b lives in 淳安县: only b's posts are from there
      const county = (await as(b.token).get('/sharing/feed?scope=county')).body as PostFeedDto;
      expect(county.items.length).toBeGreaterThan(0);
      expect(county.items.every((p) => p.author.name === '姜书记')).toBe(true);
    });
  });
  describe('comments', () => {
    it('keeps one level of replies and tells the authors, never themselves', async () => {
      const post = await publish(a.token, '村级议事怎么开', '四议两公开的做法。');
      const before = (await as(a.token).get('/notifications')).body.total as number;
      const first = await as(b.token).post(`/sharing/posts/${post.id}/comments`, { body: '我们村也这样做。' });
      expect(first.status).toBe(201);
      const topId = (first.body as PostCommentDto[])[0].id;
      // a reply, and a reply to the reply, both under the first comment
      const reply = await as(a.token).post(`/sharing/posts/${post.id}/comments`, { body: '欢迎交流', parentId: topId });
      const replyId = (reply.body as PostCommentDto[])[0].replies[0].id;
      await as(trainer).post(`/sharing/posts/${post.id}/comments`, { body: '补充一点', parentId: replyId });
      const list = (await as(b.token).get(`/sharing/posts/${post.id}/comments`)).body as PostCommentDto[];
      expect(list).toHaveLength(1);
      expect(list[0]).toMatchObject({ body: '我们村也这样做。', author: { name: '姜书记', regionName: '下姜村' } });
      expect(list[0].replies.map((r) => r.body)).toEqual(['欢迎交流', '补充一点']);
      expect(((await as(b.token).get(`/sharing/posts/${post.id}`)).body as PostDto).commentCount).toBe(3);

      // a: told of b's comment and of the trainer's reply to a's reply; not of a's own reply
      const told = (await as(a.token).get('/notifications')).body as NotificationPage;
      expect(told.total - before).toBe(2);
      expect(told.items.map((n) => n.title)).toEqual(
        expect.arrayContaining(['姜书记评论了“村级议事怎么开”', '陈雅琴回复了您的评论']),
      );
      const fresh = told.items.slice(0, 2);
      expect(fresh.map((n) => [n.kind, n.link])).toEqual([
        ['sharing', `/share/posts/${post.id}`],
        ['sharing', `/share/posts/${post.id}`],
      ]);
      // b: told of a's reply to b's comment
      const bTold = (await as(b.token).get('/notifications')).body as NotificationPage;
      expect(bTold.items[0]).toMatchObject({ kind: 'sharing', title: '宋书记回复了您的评论' });
    });

    it('refuses an empty comment, a comment on a draft, and a reply to another post’s comment', async () => {
      const post = await publish(a.token, '空评论', '不能为空。');
      expect((await as(b.token).post(`/sharing/posts/${post.id}/comments`, { body: '  ' })).status).toBe(400);
      const draft = await as(a.token).post('/sharing/posts', { title: '草稿', body: '还没发', tags: [] });
      expect((await as(b.token).post(`/sharing/posts/${draft.body.id}/comments`, { body: '抢先' })).status).toBe(404);
      expect((await as(a.token).post(`/sharing/posts/${draft.body.id}/comments`, { body: '自己' })).status).toBe(404);
      const other = await publish(b.token, '另一帖', '别的帖子。');
      const c = (await as(a.token).post(`/sharing/posts/${other.id}/comments`, { body: '评论' }))
        .body as PostCommentDto[];
      const wrong = await as(a.token).post(`/sharing/posts/${post.id}/comments`, { body: '串帖', parentId: c[0].id });
      expect(wrong.status).toBe(404);
      expect(((await as(a.token).get(`/sharing/posts/${post.id}`)).body as PostDto).commentCount).toBe(0);
    });

    it('tells the author of a new 有用 once, however often it is tapped', async () => {
      const post = await publish(a.token, '有用通知', '点一次通知一次。');
      const before = (await as(a.token).get('/notifications')).body.total as number;
      await Promise.all([1, 2, 3].map(() => as(b.token).put(`/sharing/posts/${post.id}/useful`)));
      await as(a.token).put(`/sharing/posts/${post.id}/useful`);
      const told = (await as(a.token).get('/notifications')).body as NotificationPage;
      expect(told.total - before).toBe(1);
      expect(told.items[0].title).toBe('姜书记觉得“有用通知”有用');
    });
  });
  describe('photos', () => {
    it('resizes and recompresses a photo, and every reader gets a working link to it in the post', async () => {
      // a 4000 × 3000 camera photo with location metadata
      const photo = await sharp({ create: { width: 4000, height: 3000, channels: 3, background: '#6a9' } })
        .composite([{ input: Buffer.from(noise(4000 * 3000 * 3)), raw: { width: 4000, height: 3000, channels: 3 } }])
        .jpeg({ quality: 95 })
        .withMetadata({ exif: { IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '29/1 36/1 0/1' } } })
        .toBuffer();
      expect((await sharp(photo).metadata()).exif).toBeDefined();
      const uploaded = await request(t.http)
        .post('/api/sharing/images')
        .set('Authorization', a.token)
        .attach('file', photo, { filename: 'IMG_0001.JPG', contentType: 'image/jpeg' });
      expect(uploaded.status).toBe(201);
      const image = uploaded.body as PostImageDto;
      expect(image).toMatchObject({ width: 1280, height: 960, originalBytes: photo.length });
      expect(image.bytes).toBeLessThan(photo.length / 4);
      expect(image.markdown).toBe(`![](/api/media/${image.id})`);

      const post = await publish(a.token, '村口的共富工坊', `新车间：\n\n${image.markdown}`);
      const read = (await as(b.token).get(`/sharing/posts/${post.id}`)).body as PostDto;
      const src = /<img src="([^"]+)"/.exec(read.bodyHtml)?.[1].replace(/&amp;/g, '&');
      expect(src).toMatch(new RegExp(`^/api/media/${image.id}/content\\?u=`));
      const served = await request(t.http)
        .get(src as string)
        .buffer(true);
      expect(served.status).toBe(200);
      expect(served.headers['content-type']).toBe('image/jpeg');
      const meta = await sharp(served.body as Buffer).metadata();
      expect([meta.width, meta.height, meta.exif]).toEqual([1280, 960, undefined]);
    });

    it('refuses what is not a photo', async () => {
      const text = await request(t.http)
        .post('/api/sharing/images')
        .set('Authorization', a.token)
        .attach('file', Buffer.from('not an image at all'), { filename: 'a.jpg', contentType: 'image/jpeg' });
      expect(text.status).toBe(415);
    });
  });

  describe('moderation and curation', () => {
    let chunanAdmin: string;
    let anjiAdmin: string;
    let post: PostDto;

    beforeAll(async () => {
      [chunanAdmin, anjiAdmin] = await Promise.all(['chunan-admin', 'anji-admin'].map((u) => bearer(t, u)));
      // b lives in 淳安县
      post = await publish(b.token, '广告：代办贷款', '加微信办理低息贷款。', ['贷款']);
    });

    it('queues a report for the moderators who may act on it, once per reporter', async () => {
      const report = { postId: post.id, reason: '广告，与村务无关' };
      expect((await as(a.token).post('/sharing/reports', report)).status).toBe(204);
      expect((await as(a.token).post('/sharing/reports', report)).status).toBe(204);
      expect((await as(a.token).post('/sharing/reports', { postId: post.id, reason: ' ' })).status).toBe(400);
      const trainerQueue = (await as(trainer).get('/sharing/moderation/reports')).body as ModerationReportDto[];
      expect(trainerQueue.filter((r) => r.postId === post.id)).toHaveLength(1);
      expect(trainerQueue.find((r) => r.postId === post.id)).toMatchObject({
        reason: '广告，与村务无关',
        reporterName: '宋书记',
        contentAuthor: { name: '姜书记' },
      });
      // 淳安县's administrator sees it (the author is theirs), 安吉县's does not; a trainee has no queue
      const chunanQueue = (await as(chunanAdmin).get('/sharing/moderation/reports')).body as ModerationReportDto[];
      expect(chunanQueue.map((r) => r.postId)).toContain(post.id);
      const anjiQueue = (await as(anjiAdmin).get('/sharing/moderation/reports')).body as ModerationReportDto[];
      expect(anjiQueue.map((r) => r.postId)).not.toContain(post.id);
      expect((await as(a.token).get('/sharing/moderation/reports')).status).toBe(403);
      expect((await as(anjiAdmin).post(`/sharing/moderation/posts/${post.id}/hide`, { reason: '广告' })).status).toBe(
        404,
      );
    });

    it('hides a post from feeds and search but keeps it, and tells the author why', async () => {
      const hidden = await as(chunanAdmin).post(`/sharing/moderation/posts/${post.id}/hide`, {
        reason: '含商业广告，不符合交流规范',
      });
      expect(hidden.status).toBe(204);
      expect((await as(a.token).get(`/sharing/posts/${post.id}`)).status).toBe(404);
      const feed = (await as(a.token).get(`/sharing/feed?tag=${encodeURIComponent('贷款')}`)).body as PostFeedDto;
      expect(feed.items).toEqual([]);
      const search = (await as(a.token).get(`/sharing/search?q=${encodeURIComponent('低息贷款')}`)).body as PostFeedDto;
      expect(search.items).toEqual([]);
      const own = (await as(b.token).get(`/sharing/posts/${post.id}`)).body as PostDto;
      expect(own.hiddenReason).toBe('含商业广告，不符合交流规范');
      const mine = (await as(b.token).get('/sharing/posts/mine')).body as PostSummaryDto[];
      expect(mine.find((p) => p.id === post.id)?.hidden).toBe(true);
      // its author reads it, but nobody discusses or marks it any more, the author neither
      expect((await as(b.token).post(`/sharing/posts/${post.id}/comments`, { body: '申诉' })).status).toBe(404);
      expect((await as(b.token).put(`/sharing/posts/${post.id}/useful`)).status).toBe(404);
      expect((await as(a.token).put(`/sharing/posts/${post.id}/useful`)).status).toBe(404);
      const told = (await as(b.token).get('/notifications')).body as NotificationPage;
      expect(told.items[0]).toMatchObject({
        title: '您的分享“广告：代办贷款”已被隐藏',
        body: '原因：含商业广告，不符合交流规范',
      });
      const queue = (await as(trainer).get('/sharing/moderation/reports')).body as ModerationReportDto[];
      expect(queue.map((r) => r.postId)).not.toContain(post.id);
    });

    it('hides a comment, or dismisses a report and keeps the comment', async () => {
      const target = await publish(a.token, '评论管理', '正文。');
      const comments = (await as(b.token).post(`/sharing/posts/${target.id}/comments`, { body: '恶意的话' }))
        .body as PostCommentDto[];
      await as(b.token).post(`/sharing/posts/${target.id}/comments`, { body: '正常的话' });
      const [bad, good] = (await as(a.token).get(`/sharing/posts/${target.id}/comments`)).body as PostCommentDto[];
      expect(bad.id).toBe(comments[0].id);
      // a reply under the bad comment goes with it, and its report is settled too
      const replied = (
        await as(trainer).post(`/sharing/posts/${target.id}/comments`, { body: '别吵', parentId: bad.id })
      ).body as PostCommentDto[];
      const replyId = replied[0].replies[0].id;
      await as(a.token).post('/sharing/reports', { postId: target.id, commentId: bad.id, reason: '人身攻击' });
      await as(a.token).post('/sharing/reports', { postId: target.id, commentId: replyId, reason: '跟帖' });
      await as(a.token).post('/sharing/reports', { postId: target.id, commentId: good.id, reason: '看不惯' });
      const queue = (await as(trainer).get('/sharing/moderation/reports')).body as ModerationReportDto[];
      const badReport = queue.find((r) => r.commentId === bad.id);
      const goodReport = queue.find((r) => r.commentId === good.id);
      expect(badReport?.content).toBe('恶意的话');
      expect(
        (await as(trainer).post(`/sharing/moderation/comments/${bad.id}/hide`, { reason: '人身攻击' })).status,
      ).toBe(204);
      expect((await as(trainer).post(`/sharing/moderation/reports/${goodReport?.id}/dismiss`)).status).toBe(204);
      expect((await as(trainer).post(`/sharing/moderation/reports/${goodReport?.id}/dismiss`)).status).toBe(404);
      const left = (await as(a.token).get(`/sharing/posts/${target.id}/comments`)).body as PostCommentDto[];
      expect(left.map((c) => c.body)).toEqual(['正常的话']);
      // three comments (one a reply) became one
      expect(((await as(a.token).get(`/sharing/posts/${target.id}`)).body as PostDto).commentCount).toBe(1);
      const after = (await as(trainer).get('/sharing/moderation/reports')).body as ModerationReportDto[];
      expect(after.filter((r) => r.postId === target.id)).toEqual([]);
      const told = (await as(b.token).get('/notifications')).body as NotificationPage;
      expect(told.items[0]).toMatchObject({ body: '原因：人身攻击', link: `/share/posts/${target.id}` });
    });

    it('lets an administrator dismiss what their queue shows: reports on comments of their region’s people', async () => {
      // b (淳安县) posts, a (安吉县) comments there; the 安吉县 administrator moderates the comment
      const post = await publish(b.token, '跨县讨论', '欢迎各地书记交流。');
      const [comment] = (await as(a.token).post(`/sharing/posts/${post.id}/comments`, { body: '我们县的做法' }))
        .body as PostCommentDto[];
      await as(trainer).post('/sharing/reports', { postId: post.id, commentId: comment.id, reason: '跑题' });
      const anji = await bearer(t, 'anji-admin');
      const chunan = await bearer(t, 'chunan-admin');
      const queued = ((await as(anji).get('/sharing/moderation/reports')).body as ModerationReportDto[]).find(
        (r) => r.commentId === comment.id,
      );
      expect(queued).toBeDefined();
      expect(
        ((await as(chunan).get('/sharing/moderation/reports')).body as ModerationReportDto[]).map((r) => r.commentId),
      ).not.toContain(comment.id);
      expect((await as(chunan).post(`/sharing/moderation/reports/${queued?.id}/dismiss`)).status).toBe(404);
      expect((await as(anji).post(`/sharing/moderation/reports/${queued?.id}/dismiss`)).status).toBe(204);
    });

    it('features a post on its course page and turns it into a case module crediting the author', async () => {
      const author = authoring(t);
      const course = await author.createCourse(trainer, { title: '集体经济案例选编' });
      const published = await author.publishedCourse(trainer, [['合作社章程', 5]], { title: '村级集体经济' });
      const shared = await publish(a.token, '白茶合作社分红办法', '按股分红，保底加分红。', ['集体经济']);
      expect((await as(a.token).put(`/sharing/posts/${shared.id}/feature`)).status).toBe(403);
      // a post linked to no course has no course page to be featured on
      const unlinked = await as(trainer).put(`/sharing/posts/${shared.id}/feature`);
      expect(unlinked.status).toBe(409);
      expect(unlinked.body.error).toBe('POST_HAS_NO_COURSE');

      // linked to a course, it shows on top of that course's page, and leaves it when unfeatured
      // a module of another course is refused
      const elsewhere = await as(a.token).put(`/sharing/posts/${shared.id}`, {
        title: shared.title,
        body: '按股分红，保底加分红。',
        tags: ['集体经济'],
        courseId: published.id,
        moduleId: (await author.addArticle(trainer, course.id, '别的课程的单元')).modules[0].id,
      });
      expect(elsewhere.status).toBe(404);
      const linked = await as(a.token).put(`/sharing/posts/${shared.id}`, {
        title: shared.title,
        body: '按股分红，保底加分红。',
        tags: ['集体经济'],
        courseId: published.id,
        moduleId: published.modules[0].id,
      });
      expect(linked.status).toBe(200);
      expect(linked.body).toMatchObject({ courseTitle: '村级集体经济', moduleTitle: '合作社章程' });
      const featuredIds = async () =>
        ((await as(b.token).get(`/sharing/courses/${published.id}/featured`)).body as PostSummaryDto[]).map(
          (p) => p.id,
        );
      expect(await featuredIds()).not.toContain(shared.id);
      const featured = await as(trainer).put(`/sharing/posts/${shared.id}/feature`);
      expect(featured.status).toBe(200);
      expect(featured.body.featured).toBe(true);
      expect(await featuredIds()).toContain(shared.id);
      // the author is told once, however often it is featured
      await as(trainer).put(`/sharing/posts/${shared.id}/feature`);
      const toldOfFeature = ((await as(a.token).get('/notifications')).body as NotificationPage).items.filter(
        (n) => n.title === '您的分享“白茶合作社分红办法”被精选到课程页',
      );
      expect(toldOfFeature.map((n) => [n.body, n.link])).toEqual([
        ['陈雅琴把它放在了“村级集体经济”课程页的书记经验精选里。', `/share/posts/${shared.id}`],
      ]);
      const unfeatured = await as(trainer).delete(`/sharing/posts/${shared.id}/feature`);
      expect([unfeatured.status, unfeatured.body.featured]).toEqual([200, false]);
      expect(await featuredIds()).not.toContain(shared.id);
      await as(trainer).put(`/sharing/posts/${shared.id}/feature`);

      const made = await as(trainer).post(`/sharing/posts/${shared.id}/case-module`, { courseId: course.id });
      expect(made.status).toBe(201);
      const [module] = await sql<{ title: string; body: string; source_post_id: string; kind: string }>(
        t,
        `SELECT title, body, source_post_id, kind FROM module WHERE id = $1`,
        [made.body.moduleId],
      );
      expect(module).toMatchObject({ kind: 'article', title: '案例：白茶合作社分红办法', source_post_id: shared.id });
      expect(module.body).toContain(
        `本案例来自黄杜村党组织书记宋书记在“书记讲给书记听”的分享[《白茶合作社分红办法》](/share/posts/${shared.id})`,
      );
      expect(module.body).toContain('按股分红，保底加分红。');
      const told = (await as(a.token).get('/notifications')).body as NotificationPage;
      expect(told.items[0].title).toBe('您的分享“白茶合作社分红办法”被选为课程案例');
      // only a trainer who edits the course
      const other = await as(await bearer(t, 'zj-admin')).post(`/sharing/posts/${shared.id}/case-module`, {
        courseId: course.id,
      });
      expect(other.status).toBe(403);
    });
  });

  describe('rate limits', () => {
    let limited: TestApp;
    let author: Cadre;
    beforeAll(async () => {
      limited = await startTestApp();
      [author] = await createCadres(limited, [{ username: 'share-fast', village: VILLAGES.langdong, name: '郎书记' }]);
    });
    afterAll(() => limited.close());

    const on = (path: string, body: object = {}) =>
      request(limited.http).post(`/api${path}`).set('Authorization', author.token).send(body);

    it('publishes at most five posts an hour per person, even all at once, and changes nothing beyond', async () => {
      const drafts = await Promise.all(
        Array.from({ length: 7 }, (_, i) => on('/sharing/posts', { title: `快讯 ${i}`, body: '内容', tags: [] })),
      );
      expect(drafts.every((d) => d.status === 201)).toBe(true);
      const published = await Promise.all(drafts.map((d) => on(`/sharing/posts/${d.body.id}/publish`)));
      expect(published.map((p) => p.status).sort()).toEqual([200, 200, 200, 200, 200, 429, 429]);
      const refused = published.find((p) => p.status === 429);
      expect(refused?.body.error).toBe('RATE_LIMITED');
      const [{ n }] = await sql<{ n: number }>(
        limited,
        `SELECT count(*)::int AS n FROM post p JOIN app_user u ON u.id = p.author_id
          WHERE u.username = 'share-fast' AND p.status = 'published'`,
      );
      expect(n).toBe(5);
    });

    it('takes at most twenty comments in ten minutes per person', async () => {
      const [{ id }] = await sql<{ id: string }>(
        limited,
        `SELECT p.id FROM post p JOIN app_user u ON u.id = p.author_id
          WHERE u.username = 'share-fast' AND p.status = 'published' LIMIT 1`,
      );
      const answers = await Promise.all(
        Array.from({ length: 22 }, (_, i) => on(`/sharing/posts/${id}/comments`, { body: `第 ${i} 条` })),
      );
      expect(answers.filter((a) => a.status === 201)).toHaveLength(20);
      expect(answers.filter((a) => a.status === 429)).toHaveLength(2);
    });
  });
});
