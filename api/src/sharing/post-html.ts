import { Marked } from 'marked';
import sanitizeHtml from 'sanitize-html';

const markdown = new Marked({ gfm: true, breaks: true, async: false });

/**
 * What a post's HTML may hold: text structure, links and images, nothing that runs. Raw HTML in the
 * Markdown is allowed through the parser and then cut down to this list: no scripts, styles, frames,
 * forms, event handlers or `style` attributes; links and images only to http(s) or the app's own
 * paths (images: uploaded media `/api/media/...`).
 */
const POLICY: sanitizeHtml.IOptions = {
  allowedTags: [
    'p',
    'br',
    'hr',
    'h2',
    'h3',
    'h4',
    'strong',
    'em',
    'del',
    'blockquote',
    'ul',
    'ol',
    'li',
    'code',
    'pre',
    'a',
    'img',
    'table',
    'thead',
    'tbody',
    'tr',
    'th',
    'td',
  ],
  allowedAttributes: { a: ['href', 'title'], img: ['src', 'alt', 'title'], th: ['align'], td: ['align'] },
  allowedSchemes: ['http', 'https'],
  allowedSchemesByTag: { img: ['https'] },
  allowProtocolRelative: false,
  disallowedTagsMode: 'discard',
  transformTags: {
    // headings start at h2 under the post's title; links leave the app in a new tab, without referrer
    h1: 'h2',
    a: sanitizeHtml.simpleTransform('a', { target: '_blank', rel: 'noopener noreferrer nofollow' }),
  },
  exclusiveFilter: (frame) => frame.tag === 'img' && !frame.attribs['src'],
};
POLICY.allowedAttributes = { ...(POLICY.allowedAttributes as object), a: ['href', 'title', 'target', 'rel'] };

/** A post's Markdown as HTML safe to render as is. */
export function postHtml(source: string): string {
  const html = markdown.parse(source, { async: false });
  return sanitizeHtml(html, POLICY);
}

/** The first `length` characters of a post's text, for feeds: no markup, white space folded. */
export function postExcerpt(html: string, length = 120): string {
  const text = sanitizeHtml(html, { allowedTags: [], allowedAttributes: {} })
    .replace(/&nbsp;/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ')
    .trim();
  const chars = Array.from(text);
  return chars.length <= length ? text : `${chars.slice(0, length).join('')}…`;
}
