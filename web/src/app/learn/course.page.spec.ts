import { HttpErrorResponse } from '@angular/common/http';
import { TestBed, type ComponentFixture } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import type { CourseDto, PostSummaryDto } from '@lingyan/contracts';
import { provideNzIconsTesting } from 'ng-zorro-antd/icon/testing';
import { NEVER, of, throwError } from 'rxjs';
import { ErrorNotifier } from '../core/http/error-notifier';
import { CoursePage } from './course.page';
import { LearnApi } from './learn-api.service';
import { SharingApi } from '../share/posts/sharing-api.service';
import { RatingsApi } from '../share/ratings/ratings-api.service';

const COURSE: CourseDto = {
  id: 'c1',
  title: '乡村产业振兴',
  summary: '摘要',
  category: 'industry',
  credits: 2,
  sequential: false,
  modules: [],
  status: 'in_progress',
  coverUrl: null,
  openElective: false,
  joined: false,
} as unknown as CourseDto;

function summary(id: string, overrides: Partial<PostSummaryDto> = {}): PostSummaryDto {
  return {
    id,
    title: `经验${id}`,
    excerpt: '民宿合作社统一接单，统一定价。',
    tags: [],
    author: { id: 'u1', name: '姜海峰', position: 'secretary', regionName: '下姜村' },
    courseId: 'c1',
    courseTitle: '乡村产业振兴',
    publishedAt: new Date().toISOString(),
    usefulCount: 7,
    commentCount: 0,
    featured: true,
    hidden: false,
    status: 'published',
    ...overrides,
  };
}

describe('CoursePage — featured posts', () => {
  let fixture: ComponentFixture<CoursePage>;
  let notifier: { showError: jest.Mock; showSuccess: jest.Mock };

  const el = () => fixture.nativeElement as HTMLElement;
  const all = (testId: string) => [...el().querySelectorAll<HTMLElement>(`[data-testid="${testId}"]`)];
  const one = (testId: string) => all(testId)[0];

  async function open(featured: ReturnType<SharingApi['featured']>, course = of(COURSE)) {
    notifier = { showError: jest.fn(), showSuccess: jest.fn() };
    TestBed.configureTestingModule({
      imports: [CoursePage],
      providers: [
        provideRouter([]),
        provideNzIconsTesting(),
        { provide: LearnApi, useValue: { course: jest.fn(() => course) } },
        { provide: SharingApi, useValue: { featured: jest.fn(() => featured) } },
        { provide: RatingsApi, useValue: { mine: jest.fn(() => NEVER) } },
        { provide: ErrorNotifier, useValue: notifier },
      ],
    });
    fixture = TestBed.createComponent(CoursePage);
    fixture.componentRef.setInput('id', 'c1');
    fixture.detectChanges();
    await fixture.whenStable();
    fixture.detectChanges();
  }

  it('shows the featured posts above the modules, each linking to the post, and the course’s feed', async () => {
    await open(of([summary('p1'), summary('p2'), summary('p3'), summary('p4')]));
    expect(TestBed.inject(SharingApi).featured).toHaveBeenCalledWith('c1');
    const section = one('course-featured');
    expect(section.textContent).toContain('书记经验精选');
    const posts = all('featured-post');
    expect(posts.map((p) => p.dataset['post'])).toEqual(['p1', 'p2', 'p3']);
    expect(posts[0].getAttribute('href')).toBe('/share/posts/p1');
    expect(posts[0].textContent).toContain('姜海峰 · 下姜村书记');
    expect(posts[0].textContent).toContain('有用 7');
    expect(one('course-featured-more').getAttribute('href')).toBe('/share?course=c1');
    expect(one('course-featured-more').textContent).toContain('更多本课程经验');
    // above the modules
    const modules = one('modules');
    expect(section.compareDocumentPosition(modules) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
  });

  it('shows nothing when there are none, while they load, or when they fail — and the course still shows', async () => {
    await open(of([]));
    expect(all('course-featured')).toHaveLength(0);
    expect(one('page-title').textContent).toContain('乡村产业振兴');
    TestBed.resetTestingModule();

    await open(NEVER);
    expect(all('course-featured')).toHaveLength(0);
    expect(one('page-title').textContent).toContain('乡村产业振兴');
    TestBed.resetTestingModule();

    await open(throwError(() => new HttpErrorResponse({ status: 500 })));
    expect(all('course-featured')).toHaveLength(0);
    expect(one('page-title').textContent).toContain('乡村产业振兴');
    expect(all('course-error')).toHaveLength(0);
    expect(notifier.showError).not.toHaveBeenCalled();
  });
});
