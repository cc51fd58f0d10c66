/**
 * The rotation program of the province-scale data set: 6 courses of 4 modules (articles and videos of
 * realistic length), 5 required and 1 elective. Credits come from the domain's default credit table, so
 * the seeded ledger agrees with what the API would award.
 */
import type { CourseCategory, ModuleKind } from '@lingyan/contracts';
import { moduleCompletionCredits, requiredSeconds } from '@lingyan/domain';

export interface ScaleModule {
  /** Position in the whole program (course by course), 0–23: progress is seeded as a prefix of it. */
  ord: number;
  position: number;
  kind: Extract<ModuleKind, 'article' | 'video'>;
  title: string;
  estimatedMinutes: number;
  durationSeconds: number | null;
  credits: number;
  rule: string;
  /** Seconds of activity (and, for a video, of timeline) the module asks for before it completes. */
  requiredSeconds: number;
}

export interface ScaleCourse {
  title: string;
  category: CourseCategory;
  required: boolean;
  sequential: boolean;
  modules: ScaleModule[];
}

interface CourseSpec {
  title: string;
  category: CourseCategory;
  required: boolean;
  modules: Array<[title: string, minutes: number]>;
}

/** Articles and videos alternate; minutes are reading time or running time. */
const COURSES: CourseSpec[] = [
  {
    title: '基层党组织建设与党员教育管理',
    category: 'party_building',
    required: true,
    modules: [
      ['村党组织书记的职责与工作方法', 35],
      ['“三会一课”规范化实务（视频）', 42],
      ['发展党员工作流程要点', 20],
      ['党员积分管理案例解析（视频）', 28],
    ],
  },
  {
    title: '乡村产业振兴与强村富民',
    category: 'industry',
    required: true,
    modules: [
      ['村级集体经济发展路径', 30],
      ['“飞地抱团”项目运营（视频）', 36],
      ['农村电商起步指南', 15],
      ['来料加工与共富工坊（视频）', 45],
    ],
  },
  {
    title: '基层治理与平安乡村建设',
    category: 'governance',
    required: true,
    modules: [
      ['“枫桥经验”在村里的运用', 25],
      ['矛盾纠纷调解实务（视频）', 32],
      ['村务公开与民主决策', 40],
      ['网格化管理一日工作（视频）', 18],
    ],
  },
  {
    title: '和美乡村建设与“千万工程”经验',
    category: 'rural_construction',
    required: true,
    modules: [
      ['村庄规划编制与实施', 30],
      ['农村人居环境长效管护（视频）', 48],
      ['历史文化村落保护利用', 22],
      ['垃圾分类与污水治理运维（视频）', 35],
    ],
  },
  {
    title: '共同富裕示范区建设实践',
    category: 'common_prosperity',
    required: true,
    modules: [
      ['缩小城乡差距的村级抓手', 40],
      ['低收入农户帮促机制（视频）', 30],
      ['村规民约与乡风文明', 12],
      ['“一老一小”服务场景（视频）', 26],
    ],
  },
  {
    title: '数字乡村与基层数字化应用',
    category: 'digital_reform',
    required: false,
    modules: [
      ['数字乡村建设的基本框架', 30],
      ['“浙里办”村务应用操作（视频）', 25],
      ['村级数据安全与个人信息保护', 20],
      ['数字化改革典型场景（视频）', 40],
    ],
  },
];

export const SCALE_COURSES: ScaleCourse[] = COURSES.map((course, c) => ({
  title: course.title,
  category: course.category,
  required: course.required,
  sequential: course.required,
  modules: course.modules.map(([title, minutes], position) => {
    const kind = position % 2 === 0 ? 'article' : 'video';
    // A video's running time is a little under its rounded minutes.
    const durationSeconds = kind === 'video' ? minutes * 60 - 17 * (position + c + 1) : null;
    const award = moduleCompletionCredits(minutes);
    return {
      ord: c * 4 + position,
      position,
      kind,
      title,
      estimatedMinutes: minutes,
      durationSeconds,
      credits: award.credits,
      rule: award.rule,
      requiredSeconds: requiredSeconds(kind, minutes, durationSeconds),
    };
  }),
}));

export const SCALE_MODULES: ScaleModule[] = SCALE_COURSES.flatMap((course) => course.modules);

/**
 * Every required course's credits plus the first two elective modules': completing the required courses
 * alone is not enough, so the seeded completions test both halves of the rule (courses and credits).
 */
export const SCALE_REQUIRED_CREDITS = (() => {
  const required = SCALE_COURSES.filter((c) => c.required).flatMap((c) => c.modules);
  const elective = SCALE_COURSES.filter((c) => !c.required).flatMap((c) => c.modules.slice(0, 2));
  return [...required, ...elective].reduce((sum, m) => sum + Math.round(m.credits * 100), 0) / 100;
})();
