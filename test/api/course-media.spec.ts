import request from 'supertest';
import type { AuthoredCourseDto, AuthoredModuleDto, CourseDto, MediaDto, ModuleDto } from '@lingyan/contracts';
import { authoring, rows, userId } from './support/api-helpers';
import { fetchMedia, mp4Bytes, pdfBytes, pngBytes, upload } from './support/media-files';
import { bearer, startTestApp, type TestApp } from './support/test-app';

describe('course modules with media, and publishing rules', () => {
  let t: TestApp;
  let trainer: string;
  let trainee: string;
  let traineeId: string;
  let a: ReturnType<typeof authoring>;
  const files = {} as Record<'video' | 'pdf' | 'image', { dto: MediaDto; bytes: Buffer }>;

  beforeAll(async () => {
    t = await startTestApp();
    a = authoring(t);
    [trainer, trainee] = await Promise.all([bearer(t, 'trainer'), bearer(t, 'trainee')]);
    traineeId = await userId(t, 'trainee');
    for (const [name, bytes, filename] of [
      ['video', mp4Bytes(4096), 'lesson.mp4'],
      ['pdf', pdfBytes(2000), 'handbook.pdf'],
      ['image', pngBytes(6), 'photo.png'],
    ] as const) {
      const response = await upload(t, trainer, bytes, filename);
      expect(response.status).toBe(201);
      files[name] = { dto: response.body as MediaDto, bytes };
    }
  });
  afterAll(() => t.close());

  const moduleTitled = (course: AuthoredCourseDto, title: string) =>
    course.modules.find((m) => m.title === title) as AuthoredModuleDto;
  const fields = (body: { details?: Array<{ field: string }> }) => (body.details ?? []).map((d) => d.field).sort();

  it('adds a video with an uploaded file and its length, an https video and a PDF document', async () => {
    const course = await a.createCourse(trainer, { title: '视频课程' });
    const video = await a.addModule(trainer, course.id, {
      kind: 'video',
      title: '上传的视频',
      estimatedMinutes: 5,
      mediaId: files.video.dto.id,
      durationSeconds: 300,
    });
    expect(video.status).toBe(201);
    expect(moduleTitled(video.body, '上传的视频')).toMatchObject({
      kind: 'video',
      body: null,
      media: { id: files.video.dto.id, kind: 'video', contentType: 'video/mp4' },
      externalUrl: null,
      durationSeconds: 300,
      problems: [],
    });

    const external = await a.addModule(trainer, course.id, {
      kind: 'video',
      title: '外链视频',
      estimatedMinutes: 10,
      externalUrl: 'https://media.example.cn/lessons/grid.mp4',
      durationSeconds: 600,
    });
    expect(external.status).toBe(201);
    expect(moduleTitled(external.body, '外链视频')).toMatchObject({
      media: null,
      externalUrl: 'https://media.example.cn/lessons/grid.mp4',
      durationSeconds: 600,
      problems: [],
    });

    const insecure = await a.addModule(trainer, course.id, {
      kind: 'video',
      title: '明文外链',
      externalUrl: 'http://media.example.cn/lessons/grid.mp4',
      durationSeconds: 60,
    });
    expect(insecure.status).toBe(400);
    expect(fields(insecure.body)).toEqual(['externalUrl']);

    const document = await a.addModule(trainer, course.id, {
      kind: 'document',
      title: '工作手册',
      estimatedMinutes: 15,
      mediaId: files.pdf.dto.id,
    });
    expect(document.status).toBe(201);
    expect(moduleTitled(document.body, '工作手册')).toMatchObject({
      kind: 'document',
      media: { id: files.pdf.dto.id, kind: 'document', contentType: 'application/pdf' },
      durationSeconds: null,
      problems: [],
    });
    expect(
      await rows(t, `SELECT kind, media_id, external_url FROM module WHERE course_id = $1 ORDER BY position`, [
        course.id,
      ]),
    ).toEqual([
      { kind: 'video', media_id: files.video.dto.id, external_url: null },
      { kind: 'video', media_id: null, external_url: 'https://media.example.cn/lessons/grid.mp4' },
      { kind: 'document', media_id: files.pdf.dto.id, external_url: null },
    ]);
  });

  it('refuses a file of the wrong kind, a file on an article, and a file together with an address', async () => {
    const course = await a.createCourse(trainer, { title: '不合规的单元' });
    const pdfAsVideo = await a.addModule(trainer, course.id, {
      kind: 'video',
      title: 'PDF 当视频',
      mediaId: files.pdf.dto.id,
      durationSeconds: 60,
    });
    expect(pdfAsVideo.status).toBe(400);
    expect(pdfAsVideo.body.details).toEqual([
      { field: 'mediaId', problems: ['must be an uploaded video (this file is a document)'] },
    ]);
    const imageAsDocument = await a.addModule(trainer, course.id, {
      kind: 'document',
      title: '图片当文档',
      mediaId: files.image.dto.id,
    });
    expect(imageAsDocument.status).toBe(400);
    expect(fields(imageAsDocument.body)).toEqual(['mediaId']);
    const article = await a.addModule(trainer, course.id, {
      kind: 'article',
      title: '带文件的文章',
      body: '正文',
      mediaId: files.image.dto.id,
    });
    expect(article.status).toBe(400);
    expect(fields(article.body)).toEqual(['mediaId']);
    const both = await a.addModule(trainer, course.id, {
      kind: 'video',
      title: '两个来源',
      mediaId: files.video.dto.id,
      externalUrl: 'https://media.example.cn/a.mp4',
      durationSeconds: 60,
    });
    expect(both.status).toBe(400);
    expect(fields(both.body)).toEqual(['externalUrl']);
    const externalDocument = await a.addModule(trainer, course.id, {
      kind: 'document',
      title: '外链文档',
      externalUrl: 'https://media.example.cn/a.pdf',
    });
    expect(externalDocument.status).toBe(400);
    const unknown = await a.addModule(trainer, course.id, {
      kind: 'video',
      title: '不存在的文件',
      mediaId: '00000000-0000-4000-8000-000000000000',
      durationSeconds: 60,
    });
    expect(unknown.status).toBe(404);
    expect(unknown.body.error).toBe('MEDIA_NOT_FOUND');
    expect(await rows(t, `SELECT id FROM module WHERE course_id = $1`, [course.id])).toEqual([]);
  });

  it('lists what incomplete modules lack, refuses to publish naming them, and publishes once they are fixed', async () => {
    const course = await a.createCourse(trainer, { title: '待完善的课程' });
    await a.addArticle(trainer, course.id, '完整的文章', 5);
    await a.addModule(trainer, course.id, { kind: 'video', title: '缺文件的视频', estimatedMinutes: 3 });
    await a.addModule(trainer, course.id, { kind: 'document', title: '缺 PDF 的文档', estimatedMinutes: 3 });
    const draft = (await a.addModule(trainer, course.id, { kind: 'article', title: '空文章', body: '   ' }))
      .body as AuthoredCourseDto;
    expect(draft.modules.map((m) => [m.title, m.problems])).toEqual([
      ['完整的文章', []],
      ['缺文件的视频', ['video_source_missing', 'video_duration_missing']],
      ['缺 PDF 的文档', ['document_missing']],
      ['空文章', ['article_empty']],
    ]);

    const refused = await a.publish(trainer, course.id);
    expect(refused.status).toBe(409);
    expect(refused.body.error).toBe('MODULE_INCOMPLETE');
    for (const title of ['缺文件的视频', '缺 PDF 的文档', '空文章']) expect(refused.body.message).toContain(title);
    expect(refused.body.message).not.toContain('完整的文章');
    expect(await rows(t, `SELECT status FROM course WHERE id = $1`, [course.id])).toEqual([{ status: 'draft' }]);

    const [, video, document, empty] = draft.modules;
    // Half fixed: the video has its file but still no length.
    const halfFixed = await a.updateModule(trainer, video.id, { mediaId: files.video.dto.id });
    expect(moduleTitled(halfFixed.body, '缺文件的视频').problems).toEqual(['video_duration_missing']);
    const stillRefused = await a.publish(trainer, course.id);
    expect(stillRefused.status).toBe(409);
    expect(stillRefused.body.message).toContain('缺文件的视频');

    expect((await a.updateModule(trainer, video.id, { durationSeconds: 120 })).status).toBe(200);
    expect((await a.updateModule(trainer, document.id, { mediaId: files.pdf.dto.id })).status).toBe(200);
    const fixed = await a.updateModule(trainer, empty.id, { body: '## 补上的正文' });
    expect((fixed.body as AuthoredCourseDto).modules.every((m) => m.problems.length === 0)).toBe(true);
    const published = await a.publish(trainer, course.id);
    expect(published.status).toBe(200);
    expect(published.body.status).toBe('published');
  });

  it('switches a video between an upload and an address, one replacing the other', async () => {
    const course = await a.createCourse(trainer, { title: '换来源' });
    const created = await a.addModule(trainer, course.id, {
      kind: 'video',
      title: '视频',
      mediaId: files.video.dto.id,
      durationSeconds: 60,
    });
    const [module] = (created.body as AuthoredCourseDto).modules;
    const toAddress = await a.updateModule(trainer, module.id, { externalUrl: 'https://media.example.cn/v.mp4' });
    expect(toAddress.body.modules[0]).toMatchObject({ media: null, externalUrl: 'https://media.example.cn/v.mp4' });
    const toUpload = await a.updateModule(trainer, module.id, { mediaId: files.video.dto.id });
    expect(toUpload.body.modules[0]).toMatchObject({ media: { id: files.video.dto.id }, externalUrl: null });
    const wrongKind = await a.updateModule(trainer, module.id, { mediaId: files.image.dto.id });
    expect(wrongKind.status).toBe(400);
    expect(await rows(t, `SELECT media_id FROM module WHERE id = $1`, [module.id])).toEqual([
      { media_id: files.video.dto.id },
    ]);
  });

  describe('what the trainee gets', () => {
    let course: AuthoredCourseDto;

    beforeAll(async () => {
      const draft = await a.createCourse(trainer, { title: '带图的课程' });
      const cover = await a.updateCourse(trainer, draft.id, { coverMediaId: files.image.dto.id });
      expect(cover.status).toBe(200);
      expect(cover.body.cover).toMatchObject({ id: files.image.dto.id, kind: 'image' });
      await a.addModule(trainer, draft.id, {
        kind: 'video',
        title: '课程视频',
        estimatedMinutes: 2,
        mediaId: files.video.dto.id,
        durationSeconds: 90,
      });
      await a.addArticle(
        trainer,
        draft.id,
        '图文',
        5,
        `## 村容村貌\n\n![整治后的村口](/api/media/${files.image.dto.id})\n\n正文。`,
      );
      await a.addModule(trainer, draft.id, {
        kind: 'document',
        title: '手册',
        estimatedMinutes: 15,
        mediaId: files.pdf.dto.id,
      });
      const published = await a.publish(trainer, draft.id);
      expect(published.status).toBe(200);
      course = published.body as AuthoredCourseDto;
    });

    const open = (moduleId: string) =>
      request(t.http).get(`/api/learning/modules/${moduleId}`).set('Authorization', trainee);

    it('a video module with a link signed for the trainee that works, and its length', async () => {
      const response = await open(moduleTitled(course, '课程视频').id);
      expect(response.status).toBe(200);
      const module = response.body as ModuleDto;
      expect(module).toMatchObject({ kind: 'video', durationSeconds: 90, externalUrl: null, body: null });
      expect(module.progress).toMatchObject({ requiredSeconds: 81, requiredWatchedSeconds: 81 });
      expect(module.media).toMatchObject({ id: files.video.dto.id, kind: 'video' });
      const url = module.media?.url as string;
      expect(new URL(url, 'http://x').searchParams.get('u')).toBe(traineeId);
      const bytes = await fetchMedia(t, url);
      expect(bytes.status).toBe(200);
      expect(bytes.headers['content-type']).toBe('video/mp4');
      expect((bytes.body as Buffer).equals(files.video.bytes)).toBe(true);
    });

    it('an article with a working signed link for each image its text references', async () => {
      const response = await open(moduleTitled(course, '图文').id);
      const module = response.body as ModuleDto;
      expect(module.media).toBeNull();
      expect(Object.keys(module.bodyMedia)).toEqual([files.image.dto.id]);
      const url = module.bodyMedia[files.image.dto.id];
      expect(url).toContain(`u=${traineeId}`);
      const image = await fetchMedia(t, url);
      expect(image.status).toBe(200);
      expect(image.headers['content-type']).toBe('image/png');
      expect((image.body as Buffer).equals(files.image.bytes)).toBe(true);
    });

    it('a document module with its PDF', async () => {
      const module = (await open(moduleTitled(course, '手册').id)).body as ModuleDto;
      expect(module.media).toMatchObject({ kind: 'document', contentType: 'application/pdf' });
      const pdf = await fetchMedia(t, module.media?.url as string, { Range: 'bytes=0-7' });
      expect(pdf.status).toBe(206);
      expect((pdf.body as Buffer).toString('latin1')).toBe('%PDF-1.4');
    });

    it('the course with a working cover link', async () => {
      const response = await request(t.http).get(`/api/learning/courses/${course.id}`).set('Authorization', trainee);
      const view = response.body as CourseDto;
      expect(view.coverUrl).toMatch(new RegExp(`^/api/media/${files.image.dto.id}/content\\?u=${traineeId}&`));
      const cover = await fetchMedia(t, view.coverUrl as string);
      expect(cover.status).toBe(200);
      expect((cover.body as Buffer).equals(files.image.bytes)).toBe(true);
    });
  });

  it('takes only an image as a cover, and removes it with null', async () => {
    const course = await a.createCourse(trainer, { title: '封面' });
    const pdf = await a.updateCourse(trainer, course.id, { coverMediaId: files.pdf.dto.id });
    expect(pdf.status).toBe(400);
    expect(fields(pdf.body)).toEqual(['coverMediaId']);
    const created = await request(t.http)
      .post('/api/curriculum/courses')
      .set('Authorization', trainer)
      .send({ title: '视频封面', category: 'industry', coverMediaId: files.video.dto.id });
    expect(created.status).toBe(400);
    expect((await a.updateCourse(trainer, course.id, { coverMediaId: files.image.dto.id })).body.cover.id).toBe(
      files.image.dto.id,
    );
    const removed = await a.updateCourse(trainer, course.id, { coverMediaId: null });
    expect(removed.status).toBe(200);
    expect(removed.body.cover).toBeNull();
    expect(await rows(t, `SELECT cover_media_id FROM course WHERE id = $1`, [course.id])).toEqual([
      { cover_media_id: null },
    ]);
  });
});
