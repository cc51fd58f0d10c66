import type {
  MenteeDto,
  MentoringLogEntryDto,
  MentoringMessageDto,
  MentorshipDto,
  MentorshipSummaryDto,
} from '@lingyan/contracts';
import { en } from '../../core/i18n/en';
import { zh } from '../../core/i18n/zh';
import type { Translate } from './mentoring-format';
import {
  canWrite,
  chatItems,
  chinaClock,
  chinaDayOf,
  chinaToday,
  creditPercent,
  dayHeading,
  daysBetween,
  goalCounts,
  goalDue,
  groupMentees,
  lastContactText,
  laterDay,
  mergeMessages,
  planAgreement,
  positionKeyOf,
  shortDay,
  traineePairings,
  withLogEntry,
  withSummary,
} from './mentoring-work-format';

/** A dictionary's translate with `{name}` parameters filled in, as the app's does. */
const translator =
  (dictionary: typeof zh): Translate =>
  (key, params = {}) =>
    dictionary[key].replace(/\{(\w+)\}/g, (_, name: string) => String(params[name] ?? `{${name}}`));
const t = translator(zh);
const tEn = translator(en);

function summary(overrides: Partial<MentorshipSummaryDto> = {}): MentorshipSummaryDto {
  return {
    id: 'p1',
    status: 'active',
    programId: 'prog',
    programTitle: '2026 年村书记示范培训',
    mentorId: 'mentor',
    mentorName: '王建国',
    traineeId: 'trainee',
    traineeName: '李春燕',
    traineeRegionName: '下姜村',
    traineePosition: 'secretary',
    createdAt: '2026-10-01T02:00:00.000Z',
    startedAt: '2026-10-02T02:00:00.000Z',
    endedAt: null,
    endReason: null,
    lastContactOn: null,
    ...overrides,
  };
}

function mentee(overrides: Partial<MenteeDto> = {}): MenteeDto {
  return { ...summary(), earnedCredits: 12, requiredCredits: 40, goalsDue: 0, unreadMessages: 0, ...overrides };
}

function message(id: string, createdAt: string, authorId = 'mentor'): MentoringMessageDto {
  return { id, authorId, authorName: authorId === 'mentor' ? '王建国' : '李春燕', body: `消息 ${id}`, createdAt };
}

function entry(id: string, metOn: string, createdAt: string): MentoringLogEntryDto {
  return {
    id,
    authorId: 'mentor',
    authorName: '王建国',
    metOn,
    mode: 'visit',
    topic: `主题 ${id}`,
    notes: '',
    followUp: '',
    reflection: null,
    reflectionAt: null,
    createdAt,
  };
}

describe('days in China', () => {
  it('takes today and an instant’s day and time in China, whatever the device’s time zone', () => {
    // 23:30 UTC is already the next morning in China
    expect(chinaToday(new Date('2026-11-19T23:30:00Z'))).toBe('2026-11-20');
    expect(chinaToday(new Date('2026-11-20T15:59:00Z'))).toBe('2026-11-20');
    expect(chinaDayOf('2026-11-19T16:00:00.000Z')).toBe('2026-11-20');
    expect(chinaClock('2026-11-20T06:05:00.000Z')).toBe('14:05');
    expect(chinaClock('2026-11-19T16:00:00.000Z')).toBe('00:00');
  });

  it('counts whole days between calendar days', () => {
    expect(daysBetween('2026-11-20', '2026-11-20')).toBe(0);
    expect(daysBetween('2026-11-20', '2026-12-04')).toBe(14);
    expect(daysBetween('2026-03-01', '2026-02-28')).toBe(-1);
    expect(daysBetween('2026-12-31', '2027-01-01')).toBe(1);
  });

  it('writes a day short, with the year only when it is not this year', () => {
    expect(shortDay('2026-11-20', 'zh', '2026-12-01')).toBe('11月20日');
    expect(shortDay('2025-11-05', 'zh', '2026-12-01')).toBe('2025年11月5日');
    expect(shortDay('2026-11-20', 'en', '2026-12-01')).toBe('20 Nov');
    expect(shortDay('2025-01-05', 'en', '2026-12-01')).toBe('5 Jan 2025');
  });

  it('says when the last contact was, or that there was none', () => {
    expect(lastContactText('2026-11-20', 'zh', t, '2026-12-01')).toBe('最近交流 11月20日');
    expect(lastContactText(null, 'zh', t, '2026-12-01')).toBe('尚未交流');
    expect(lastContactText('2026-11-20', 'en', tEn, '2026-12-01')).toBe('Last contact 20 Nov');
  });

  it('heads a chat’s days with 今天, 昨天 or the day', () => {
    expect(dayHeading('2026-12-01', 'zh', t, '2026-12-01')).toBe('今天');
    expect(dayHeading('2026-11-30', 'zh', t, '2026-12-01')).toBe('昨天');
    expect(dayHeading('2026-11-29', 'zh', t, '2026-12-01')).toBe('11月29日');
  });

  it('takes the later of two days', () => {
    expect(laterDay(null, '2026-11-20')).toBe('2026-11-20');
    expect(laterDay('2026-11-21', null)).toBe('2026-11-21');
    expect(laterDay('2026-11-21', '2026-11-20')).toBe('2026-11-21');
    expect(laterDay(null, null)).toBeNull();
  });
});

describe('the mentor’s mentees', () => {
  it('puts proposals first (the longest waiting first), then active ones in order, then finished ones', () => {
    const list = [
      mentee({ id: 'a1', traineeName: '甲' }),
      mentee({ id: 'p-new', status: 'proposed', createdAt: '2026-11-10T00:00:00Z', startedAt: null }),
      mentee({ id: 'e-old', status: 'ended', endedAt: '2026-05-01T00:00:00Z', endReason: '调动' }),
      mentee({ id: 'a2', traineeName: '乙' }),
      mentee({ id: 'p-old', status: 'proposed', createdAt: '2026-11-01T00:00:00Z', startedAt: null }),
      mentee({ id: 'c-new', status: 'completed', endedAt: '2026-09-01T00:00:00Z' }),
    ];
    const groups = groupMentees(list);
    expect(groups.proposed.map((m) => m.id)).toEqual(['p-old', 'p-new']);
    expect(groups.active.map((m) => m.id)).toEqual(['a1', 'a2']);
    expect(groups.closed.map((m) => m.id)).toEqual(['c-new', 'e-old']);
    expect(groupMentees([])).toEqual({ proposed: [], active: [], closed: [] });
  });

  it('shows learning progress as a whole percent, never past 100', () => {
    expect(creditPercent(12, 40)).toBe(30);
    expect(creditPercent(13.5, 40)).toBe(33);
    expect(creditPercent(50, 40)).toBe(100);
    expect(creditPercent(0, 40)).toBe(0);
    expect(creditPercent(5, 0)).toBe(0);
  });

  it('folds a pairing’s new state into a mentee, keeping the progress', () => {
    const before = mentee({ id: 'p', status: 'proposed', startedAt: null, earnedCredits: 7 });
    const after = withSummary(before, summary({ id: 'p', status: 'active', startedAt: '2026-11-20T01:00:00Z' }));
    expect(after.status).toBe('active');
    expect(after.startedAt).toBe('2026-11-20T01:00:00Z');
    expect(after.earnedCredits).toBe(7);
  });

  it('names positions it knows, and nothing else', () => {
    expect(positionKeyOf('secretary')).toBe('position.secretary');
    expect(positionKeyOf(null)).toBeNull();
    expect(positionKeyOf('mayor')).toBeNull();
  });
});

describe('the trainee’s pairings', () => {
  it('splits active, waiting and earlier pairings, leaving out proposals the mentor declined', () => {
    const groups = traineePairings([
      summary({ id: 'active' }),
      summary({ id: 'waiting', status: 'proposed', startedAt: null }),
      summary({ id: 'declined', status: 'ended', startedAt: null, endedAt: '2026-10-05T00:00:00Z' }),
      summary({ id: 'ended', status: 'ended', endedAt: '2026-06-01T00:00:00Z' }),
      summary({ id: 'done', status: 'completed', endedAt: '2026-08-01T00:00:00Z' }),
    ]);
    expect(groups.active.map((p) => p.id)).toEqual(['active']);
    expect(groups.proposed.map((p) => p.id)).toEqual(['waiting']);
    expect(groups.past.map((p) => p.id)).toEqual(['done', 'ended']);
  });
});

describe('a pairing', () => {
  it('is written in by its mentor and trainee while active, and read by administrators', () => {
    expect(canWrite({ viewer: 'mentor', status: 'active' })).toBe(true);
    expect(canWrite({ viewer: 'trainee', status: 'active' })).toBe(true);
    expect(canWrite({ viewer: 'admin', status: 'active' })).toBe(false);
    expect(canWrite({ viewer: 'mentor', status: 'completed' })).toBe(false);
    expect(canWrite({ viewer: 'mentor', status: 'proposed' })).toBe(false);
    expect(canWrite({ viewer: 'trainee', status: 'ended' })).toBe(false);
  });

  it('marks open goals overdue or due within 14 days', () => {
    const today = '2026-11-20';
    expect(goalDue({ status: 'open', dueOn: '2026-11-19' }, today)).toBe('overdue');
    expect(goalDue({ status: 'open', dueOn: '2026-11-20' }, today)).toBe('soon');
    expect(goalDue({ status: 'open', dueOn: '2026-12-04' }, today)).toBe('soon');
    expect(goalDue({ status: 'open', dueOn: '2026-12-05' }, today)).toBeNull();
    expect(goalDue({ status: 'open', dueOn: null }, today)).toBeNull();
    expect(goalDue({ status: 'done', dueOn: '2026-11-01' }, today)).toBeNull();
    expect(goalDue({ status: 'dropped', dueOn: '2026-11-01' }, today)).toBeNull();
  });

  it('tells who has agreed the plan, whether the reader has, and how many goals it has', () => {
    const goal = (status: 'open' | 'done' | 'dropped') => ({
      id: status,
      title: status,
      dueOn: null,
      status,
      createdByName: '王建国',
      updatedAt: '2026-11-01T00:00:00Z',
    });
    const pairing: Pick<MentorshipDto, 'viewer' | 'goals' | 'planAgreedByMentorAt' | 'planAgreedByTraineeAt'> = {
      viewer: 'trainee',
      goals: [goal('open'), goal('done'), goal('dropped')],
      planAgreedByMentorAt: '2026-11-02T00:00:00Z',
      planAgreedByTraineeAt: null,
    };
    expect(planAgreement(pairing)).toEqual({
      mentorAt: '2026-11-02T00:00:00Z',
      traineeAt: null,
      both: false,
      mine: false,
      goals: 2,
    });
    expect(planAgreement({ ...pairing, viewer: 'mentor' }).mine).toBe(true);
    expect(planAgreement({ ...pairing, viewer: 'admin' }).mine).toBeNull();
    expect(planAgreement({ ...pairing, planAgreedByTraineeAt: '2026-11-03T00:00:00Z' }).both).toBe(true);
    expect(planAgreement({ ...pairing, goals: [goal('dropped')] }).goals).toBe(0);
    expect(goalCounts(pairing.goals)).toEqual({ open: 1, done: 1 });
  });

  it('keeps the log newest meeting first when an entry is added or replaced', () => {
    const log = [entry('b', '2026-11-18', '2026-11-18T08:00:00Z'), entry('a', '2026-11-10', '2026-11-10T08:00:00Z')];
    // a meeting logged late for an earlier day goes by its day
    const late = entry('c', '2026-11-12', '2026-11-20T08:00:00Z');
    expect(withLogEntry(log, late).map((e) => e.id)).toEqual(['b', 'c', 'a']);
    // of one day, the latest logged first
    const sameDay = entry('d', '2026-11-18', '2026-11-19T08:00:00Z');
    expect(withLogEntry(log, sameDay).map((e) => e.id)).toEqual(['d', 'b', 'a']);
    // a reflection replaces its entry in place
    const reflected = { ...log[1], reflection: '很有收获', reflectionAt: '2026-11-20T00:00:00Z' };
    const after = withLogEntry(log, reflected);
    expect(after.map((e) => e.id)).toEqual(['b', 'a']);
    expect(after[1].reflection).toBe('很有收获');
  });
});

describe('the message thread', () => {
  it('merges pages into one thread, each message once, the oldest first', () => {
    const newest = [message('3', '2026-11-20T03:00:00Z'), message('2', '2026-11-20T02:00:00Z')];
    const older = [message('2', '2026-11-20T02:00:00Z'), message('1', '2026-11-19T02:00:00Z')];
    expect(mergeMessages(mergeMessages([], newest), older).map((m) => m.id)).toEqual(['1', '2', '3']);
  });

  it('heads each day and tells the reader’s own messages, with their time in China', () => {
    const items = chatItems(
      [
        message('1', '2026-11-19T02:00:00Z', 'trainee'),
        message('2', '2026-11-20T01:30:00Z', 'mentor'),
        message('3', '2026-11-20T06:05:00Z', 'trainee'),
      ],
      'mentor',
      'zh',
      t,
      '2026-11-20',
    );
    expect(
      items.map((item) => (item.kind === 'day' ? item.label : `${item.message.id}:${item.mine}:${item.time}`)),
    ).toEqual(['昨天', '1:false:10:00', '今天', '2:true:09:30', '3:false:14:05']);
    expect(chatItems([], 'mentor', 'zh', t, '2026-11-20')).toEqual([]);
  });
});
