import { ChangeDetectionStrategy, Component, signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { MarkdownPreview, renderMarkdown } from './markdown-preview';

// Jest runs CommonJS and does not transform node_modules' ESM: use marked's own UMD build (same code).
jest.mock('marked', () => {
  const { dirname, join } = jest.requireActual<typeof import('node:path')>('node:path');
  return jest.requireActual(join(dirname(require.resolve('marked/package.json')), 'lib/marked.umd.js'));
});

@Component({
  imports: [MarkdownPreview],
  template: '<app-markdown-preview [source]="source()" />',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
class Host {
  readonly source = signal('');
}

describe('MarkdownPreview', () => {
  function render(source: string): HTMLElement {
    const fixture = TestBed.createComponent(Host);
    fixture.componentInstance.source.set(source);
    fixture.detectChanges();
    return fixture.nativeElement.querySelector('[data-testid=markdown-preview]') as HTMLElement;
  }

  beforeEach(() => jest.spyOn(console, 'warn').mockImplementation(() => undefined));
  afterEach(() => jest.restoreAllMocks());

  it('renders Markdown', () => {
    const el = render('## 小标题\n\n- 要点 **一**');
    expect(el.querySelector('h2')?.textContent).toBe('小标题');
    expect(el.querySelector('li strong')?.textContent).toBe('一');
  });

  it('strips <script> and event handlers through the sanitizer', () => {
    const source =
      '# 标题\n\n<script>alert(1)</script>\n\n<img src="x.png" onerror="alert(2)">\n\n[链接](javascript:alert(3))';
    // the raw HTML still carries them: only the sanitizer makes it safe
    expect(renderMarkdown(source)).toContain('<script>');
    const el = render(source);
    expect(el.querySelector('h1')?.textContent).toBe('标题');
    expect(el.querySelector('script')).toBeNull();
    expect(el.innerHTML).not.toContain('alert(1)');
    expect(el.querySelector('img')?.getAttribute('onerror')).toBeNull();
    expect(el.innerHTML).not.toContain('onerror');
    expect(el.querySelector('a')?.getAttribute('href') ?? '').not.toMatch(/^javascript:/);
  });
});
