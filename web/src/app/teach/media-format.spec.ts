import { MODULE_PROBLEMS } from '@lingyan/contracts';
import type { UploadLimitsDto } from '@lingyan/contracts';
import {
  acceptFor,
  checkFile,
  fileType,
  formatBytes,
  formatDuration,
  formatNames,
  imageMarkdown,
  insertImage,
  isHttpsUrl,
  minutesForDuration,
  parseDuration,
} from './media-format';
import { problemKey } from './teach-format';

const MB = 1024 * 1024;
const limits: UploadLimitsDto = {
  video: { maxBytes: 500 * MB, contentTypes: ['video/mp4', 'video/webm'] },
  document: { maxBytes: 50 * MB, contentTypes: ['application/pdf'] },
  image: { maxBytes: 10 * MB, contentTypes: ['image/jpeg', 'image/png', 'image/webp', 'image/gif'] },
};
const file = (name: string, type: string, size: number) => ({ name, type, size });

describe('durations', () => {
  it.each([
    [0, '0:00'],
    [5, '0:05'],
    [59.6, '1:00'],
    [754, '12:34'],
    [3600, '1:00:00'],
    [3725, '1:02:05'],
    [36_000, '10:00:00'],
  ])('formats %p seconds as %p', (seconds, text) => {
    expect(formatDuration(seconds)).toBe(text);
  });

  it('formats nothing as an empty text', () => {
    expect(formatDuration(null)).toBe('');
    expect(formatDuration(undefined)).toBe('');
    expect(formatDuration(Number.NaN)).toBe('');
    expect(formatDuration(-1)).toBe('');
  });

  it.each([
    ['12:30', 750],
    [' 0:45 ', 45],
    ['1:02:05', 3725],
    ['90:00', 5400],
    ['12：30', 750],
    ['45', 2700],
    ['10:00:00', 36_000],
  ])('reads %p as %p seconds', (text, seconds) => {
    expect(parseDuration(text)).toBe(seconds);
  });

  it.each(['', '   ', 'abc', '12:60', '1:60:00', '0:00', '0', '12:3:4:5', '-5', '1.5', '12:', ':30'])(
    'rejects %p',
    (text) => {
      expect(parseDuration(text)).toBeNull();
    },
  );

  it('reads back what it formats', () => {
    for (const seconds of [1, 59, 61, 599, 3599, 3600, 7322, 36_000]) {
      expect(parseDuration(formatDuration(seconds))).toBe(seconds);
    }
  });

  it('rounds a video length up to whole minutes within 1–600', () => {
    expect(minutesForDuration(1)).toBe(1);
    expect(minutesForDuration(60)).toBe(1);
    expect(minutesForDuration(61)).toBe(2);
    expect(minutesForDuration(754)).toBe(13);
    expect(minutesForDuration(36_000)).toBe(600);
  });
});

describe('checking a file against the upload limits', () => {
  it('accepts a file of the right type and size', () => {
    expect(checkFile(file('lesson.mp4', 'video/mp4', 12 * MB), 'video', limits)).toBeNull();
    expect(checkFile(file('notes.pdf', 'application/pdf', 50 * MB), 'document', limits)).toBeNull();
  });

  it('refuses a file larger than the limit of its kind, telling both sizes', () => {
    expect(checkFile(file('big.pdf', 'application/pdf', 50 * MB + 1), 'document', limits)).toEqual({
      problem: 'size',
      maxBytes: 50 * MB,
      sizeBytes: 50 * MB + 1,
    });
    expect(checkFile(file('photo.png', 'image/png', 11 * MB), 'image', limits)).toMatchObject({ problem: 'size' });
  });

  it('refuses a type the kind does not accept, naming the accepted formats', () => {
    expect(checkFile(file('clip.mov', 'video/quicktime', MB), 'video', limits)).toEqual({
      problem: 'type',
      formats: 'MP4 / WebM',
    });
    expect(checkFile(file('notes.docx', 'application/msword', MB), 'document', limits)).toMatchObject({
      problem: 'type',
    });
    expect(checkFile(file('lesson.mp4', 'video/mp4', MB), 'image', limits)).toMatchObject({ problem: 'type' });
  });

  it('refuses an empty file', () => {
    expect(checkFile(file('empty.pdf', 'application/pdf', 0), 'document', limits)).toEqual({ problem: 'empty' });
  });

  it('guesses the type from the extension when the browser reports none', () => {
    expect(fileType(file('Lesson.MP4', '', 1))).toBe('video/mp4');
    expect(fileType(file('scan.JPG', '', 1))).toBe('image/jpeg');
    expect(fileType(file('README', '', 1))).toBe('');
    expect(checkFile(file('notes.pdf', '', MB), 'document', limits)).toBeNull();
    expect(checkFile(file('notes', '', MB), 'document', limits)).toMatchObject({ problem: 'type' });
  });

  it('checks the type but not the size when the limits could not be loaded', () => {
    expect(checkFile(file('huge.mp4', 'video/mp4', 5000 * MB), 'video', null)).toBeNull();
    expect(checkFile(file('clip.avi', 'video/x-msvideo', MB), 'video', null)).toMatchObject({ problem: 'type' });
  });

  it('follows the server when it accepts other types than the defaults', () => {
    const narrower: UploadLimitsDto = { ...limits, image: { maxBytes: MB, contentTypes: ['image/png'] } };
    expect(checkFile(file('photo.jpg', 'image/jpeg', 100), 'image', narrower)).toEqual({
      problem: 'type',
      formats: 'PNG',
    });
    expect(acceptFor('image', narrower)).toBe('image/png,.png');
  });

  it('offers the accepted types and extensions to the file picker', () => {
    expect(acceptFor('document', limits)).toBe('application/pdf,.pdf');
    expect(acceptFor('video', limits).split(',')).toEqual(['video/mp4', 'video/webm', '.mp4', '.m4v', '.webm']);
    expect(formatNames('image', limits)).toBe('JPG / PNG / WebP / GIF');
  });
});

describe('formatBytes', () => {
  it.each([
    [0, '0 B'],
    [1023, '1023 B'],
    [1024, '1 KB'],
    [1536, '1.5 KB'],
    [820 * 1024, '820 KB'],
    [12.5 * MB, '12.5 MB'],
    [500 * MB, '500 MB'],
    [1.25 * 1024 * MB, '1.3 GB'],
  ])('writes %p bytes as %p', (bytes, text) => {
    expect(formatBytes(bytes)).toBe(text);
  });
});

describe('inserting an image into Markdown', () => {
  const id = '0f8fad5b-d9cb-469f-a165-70867728950e';
  const image = `![图片说明](/api/media/${id})`;

  it('writes the image as the API expects it', () => {
    expect(imageMarkdown(id, '图片说明')).toBe(image);
    expect(imageMarkdown(id, 'a [tricky]\ncaption')).toBe(`![a  tricky  caption](/api/media/${id})`);
    expect(imageMarkdown(id, '  ')).toBe(`![image](/api/media/${id})`);
  });

  it('puts the image in an empty body and selects its caption', () => {
    const result = insertImage('', 0, 0, id, '图片说明');
    expect(result.text).toBe(`${image}\n`);
    expect(result.text.slice(result.selectionStart, result.selectionEnd)).toBe('图片说明');
  });

  it('puts the image on a paragraph of its own in the middle of a line', () => {
    const result = insertImage('前文后文', 2, 2, id, '图片说明');
    expect(result.text).toBe(`前文\n\n${image}\n\n后文`);
    expect(result.text.slice(result.selectionStart, result.selectionEnd)).toBe('图片说明');
  });

  it('adds no blank lines where they already are', () => {
    const text = '第一段\n\n第二段';
    const result = insertImage(text, 5, 5, id, '图片说明');
    expect(result.text).toBe(`第一段\n\n${image}\n\n第二段`);
  });

  it('completes a single line break to a blank line', () => {
    const result = insertImage('第一段\n第二段', 4, 4, id, 'x');
    expect(result.text).toBe(`第一段\n\n![x](/api/media/${id})\n\n第二段`);
  });

  it('appends at the end of the text', () => {
    const result = insertImage('正文', 2, 2, id, '图片说明');
    expect(result.text).toBe(`正文\n\n${image}\n`);
  });

  it('replaces a selection, in whichever direction it was made', () => {
    expect(insertImage('abcXYZdef', 3, 6, id, 'c').text).toBe(`abc\n\n![c](/api/media/${id})\n\ndef`);
    expect(insertImage('abcXYZdef', 6, 3, id, 'c').text).toBe(`abc\n\n![c](/api/media/${id})\n\ndef`);
  });

  it('keeps a cursor outside the text inside it', () => {
    expect(insertImage('abc', 99, 99, id, 'c').text).toBe(`abc\n\n![c](/api/media/${id})\n`);
    expect(insertImage('abc', -5, -5, id, 'c').text).toBe(`![c](/api/media/${id})\n\nabc`);
  });
});

describe('isHttpsUrl', () => {
  it('accepts https addresses only', () => {
    expect(isHttpsUrl('https://video.example.cn/lesson.mp4')).toBe(true);
    expect(isHttpsUrl('  HTTPS://example.org/a?b=c ')).toBe(true);
    expect(isHttpsUrl('http://example.org/a.mp4')).toBe(false);
    expect(isHttpsUrl('example.org/a.mp4')).toBe(false);
    expect(isHttpsUrl('https://')).toBe(false);
    expect(isHttpsUrl('javascript:alert(1)')).toBe(false);
    expect(isHttpsUrl('')).toBe(false);
    expect(isHttpsUrl(null)).toBe(false);
  });
});

describe('problemKey', () => {
  it('translates every problem code the API reports and leaves others as written', () => {
    for (const code of MODULE_PROBLEMS) expect(problemKey(code)).not.toBeNull();
    expect(problemKey('video_source_missing')).toBe('teach.problem.videoSource');
    expect(problemKey('video_duration_missing')).toBe('teach.problem.duration');
    expect(problemKey('document_missing')).toBe('teach.problem.documentFile');
    expect(problemKey('article_empty')).toBe('teach.problem.body');
    expect(problemKey('something new')).toBeNull();
  });
});
