/**
 * Icons of the mentoring screens beyond the app's own (`core/icons.ts`) and those ng-zorro registers
 * itself (`NZ_ICONS_USED_BY_ZORRO`: calendar, down, left, up, …), bundled statically (the CSP forbids
 * fetching icons). The pages and the forms they share provide them themselves, as they live under the
 * mentor, the learn and the admin routes: `import * as MENTORING_WORK_ICONS` and
 * `provideNzIconsPatch(Object.values(MENTORING_WORK_ICONS))`, so that each icon is named once.
 */
export {
  ArrowLeftOutline,
  BulbOutline,
  CheckSquareOutline,
  FlagOutline,
  FormOutline,
  MessageOutline,
  SaveOutline,
  VideoCameraOutline,
} from '@ant-design/icons-angular/icons';
