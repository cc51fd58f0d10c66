import { ChangeDetectionStrategy, Component, signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { MarkdownView, markdownToHtml } from './markdown';

@Component({
  imports: [MarkdownView],
  template: '<app-markdown [source]="source()" />',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
class Host {
  readonly source = signal('');
}

function render(source: string): HTMLElement {
  const fixture = TestBed.createComponent(Host);
  fixture.componentInstance.source.set(source);
  fixture.detectChanges();
  return fixture.nativeElement as HTMLElement;
}

describe('Markdown articles', () => {
  beforeEach(() => {
    jest.spyOn(console, 'warn').mockImplementation(() => undefined); // "sanitizing HTML stripped some content"
  });

  afterEach(() => jest.restoreAllMocks());

  it('renders headings, lists, emphasis and quotes', () => {
    const el = render('## 一、从环境整治起步\n\n- **垃圾分类**\n- 污水治理\n\n> 千村示范、万村整治');
    expect(el.querySelector('h2')?.textContent).toBe('一、从环境整治起步');
    expect(el.querySelectorAll('li').length).toBe(2);
    expect(el.querySelector('strong')?.textContent).toBe('垃圾分类');
    expect(el.querySelector('blockquote')?.textContent?.trim()).toBe('千村示范、万村整治');
  });

  it('strips <script> and event handlers such as onerror=', () => {
    const source = [
      '正文',
      '',
      '<script>window.__pwned = true</script>',
      '',
      '<img src="x.png" onerror="window.__pwned = true">',
      '',
      '<a href="javascript:alert(1)" onclick="alert(2)">链接</a>',
    ].join('\n');
    // the raw HTML does carry them: only the sanitizer makes the article safe
    expect(markdownToHtml(source)).toContain('<script>');
    expect(markdownToHtml(source)).toContain('onerror=');

    const el = render(source);
    const html = el.innerHTML;
    expect(el.querySelector('script')).toBeNull();
    expect(html).not.toContain('<script');
    expect(html).not.toMatch(/onerror=/i);
    expect(html).not.toMatch(/onclick=/i);
    expect(el.querySelector('a')?.getAttribute('href')).toMatch(/^unsafe:/);
    expect(el.querySelector('img')?.getAttribute('onerror')).toBeNull();
    expect(el.textContent).toContain('正文');
    expect((window as unknown as { __pwned?: boolean }).__pwned).toBeUndefined();
  });

  it('renders nothing for an empty body', () => {
    expect(markdownToHtml(null)).toBe('');
    expect(render('').querySelector('.markdown')?.innerHTML).toBe('');
  });
});

describe('Uploaded images in Markdown', () => {
  const id = '0b6c8f9e-1d2a-4c3b-9e8f-7a6b5c4d3e2f';

  it('swaps /api/media/<id> for the signed link the API sent', () => {
    const html = markdownToHtml(`![村貌](/api/media/${id})`, { [id]: `/api/media/${id}/content?s=abc` });
    expect(html).toContain(`src="/api/media/${id}/content?s=abc"`);
  });

  it('leaves other images and unknown ids alone', () => {
    const html = markdownToHtml(`![a](/api/media/${id}) ![b](https://example.org/b.png)`);
    expect(html).toContain(`src="/api/media/${id}"`);
    expect(html).toContain('src="https://example.org/b.png"');
  });
});
