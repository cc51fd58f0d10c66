import {
  LocalDrafts,
  NEW_POST_KEY,
  emptyContent,
  isBlank,
  sameContent,
  toRequest,
  type PostContent,
} from './local-drafts';

class MemoryStorage {
  readonly items = new Map<string, string>();
  getItem(key: string): string | null {
    return this.items.get(key) ?? null;
  }
  setItem(key: string, value: string): void {
    this.items.set(key, value);
  }
  removeItem(key: string): void {
    this.items.delete(key);
  }
}

const content = (title: string, more: Partial<PostContent> = {}): PostContent => ({
  ...emptyContent(),
  title,
  body: `${title}的做法`,
  ...more,
});

describe('LocalDrafts', () => {
  it('keeps each user’s copies apart', () => {
    const storage = new MemoryStorage();
    new LocalDrafts('u1', storage).write(NEW_POST_KEY, content('民宿合作社'));
    expect(new LocalDrafts('u1', storage).read(NEW_POST_KEY)?.title).toBe('民宿合作社');
    expect(new LocalDrafts('u2', storage).read(NEW_POST_KEY)).toBeNull();
    expect([...storage.items.keys()]).toEqual(['lingyan.sharing.drafts.u1']);
  });

  it('moves a new post’s copy to its id, and forgets it once saved', () => {
    const storage = new MemoryStorage();
    const drafts = new LocalDrafts('u1', storage);
    drafts.write(NEW_POST_KEY, content('白茶'), new Date('2026-03-10T02:00:00Z'));
    drafts.move(NEW_POST_KEY, 'p1');
    expect(drafts.read(NEW_POST_KEY)).toBeNull();
    expect(drafts.read('p1')).toMatchObject({ title: '白茶', editedAt: '2026-03-10T02:00:00.000Z' });
    drafts.remove('p1');
    expect(drafts.read('p1')).toBeNull();
    expect(storage.items.size).toBe(0);
  });

  it('keeps the ten most recently edited posts', () => {
    const storage = new MemoryStorage();
    const drafts = new LocalDrafts('u1', storage);
    for (let i = 0; i < 12; i++) drafts.write(`p${i}`, content(`第${i}篇`), new Date(Date.UTC(2026, 2, 1, i)));
    expect(drafts.read('p0')).toBeNull();
    expect(drafts.read('p1')).toBeNull();
    expect(drafts.read('p2')?.title).toBe('第2篇');
    expect(drafts.read('p11')?.title).toBe('第11篇');
  });

  it('survives broken or foreign storage, and storage that refuses', () => {
    const storage = new MemoryStorage();
    storage.setItem('lingyan.sharing.drafts.u1', '{not json');
    expect(new LocalDrafts('u1', storage).read(NEW_POST_KEY)).toBeNull();
    storage.setItem('lingyan.sharing.drafts.u1', JSON.stringify({ new: { title: 1 }, p1: [] }));
    expect(new LocalDrafts('u1', storage).read(NEW_POST_KEY)).toBeNull();

    const full = {
      getItem: () => null,
      setItem: () => {
        throw new Error('QuotaExceededError');
      },
      removeItem: () => undefined,
    };
    expect(() => new LocalDrafts('u1', full).write(NEW_POST_KEY, content('x'))).not.toThrow();
    expect(new LocalDrafts('u1', null).read(NEW_POST_KEY)).toBeNull();
  });
});

describe('post contents', () => {
  it('compares what was written, not the course’s title', () => {
    const a = content('民宿', { tags: ['民宿'], courseId: 'c1', courseTitle: '课程' });
    expect(sameContent(a, { ...a, courseTitle: null })).toBe(true);
    expect(sameContent(a, { ...a, tags: ['民宿', '白茶'] })).toBe(false);
    expect(sameContent(a, { ...a, body: 'x' })).toBe(false);
  });

  it('knows a blank post, and what to send', () => {
    expect(isBlank(emptyContent())).toBe(true);
    expect(isBlank({ ...emptyContent(), title: '  ' })).toBe(true);
    expect(isBlank({ ...emptyContent(), tags: ['民宿'] })).toBe(false);
    expect(toRequest(content('民宿', { courseId: 'c1', courseTitle: 'X', moduleId: 'm1' }))).toEqual({
      title: '民宿',
      body: '民宿的做法',
      tags: [],
      courseId: 'c1',
      moduleId: 'm1',
    });
    // a module without its course is not sent; a copy kept before modules could be named sends none
    expect(toRequest(content('民宿', { courseId: null, moduleId: 'm1' })).moduleId).toBeNull();
    expect(toRequest(content('民宿', { courseId: 'c1' })).moduleId).toBeNull();
    // a different module is a different content
    const a = content('民宿', { courseId: 'c1', moduleId: 'm1' });
    expect(sameContent(a, { ...a, moduleId: 'm2' })).toBe(false);
    expect(sameContent({ ...a, moduleId: null }, { ...a, moduleId: undefined })).toBe(true);
  });
});
