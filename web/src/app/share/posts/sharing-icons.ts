/**
 * Icons of the sharing screens beyond the app's own (`core/icons.ts`) and those ng-zorro registers
 * itself (`NZ_ICONS_USED_BY_ZORRO`: edit, eye, search, star (filled), close, …), bundled statically
 * (the CSP forbids fetching icons). `posts.routes.ts` provides them: `import * as SHARING_ICONS` and
 * `provideNzIconsPatch(Object.values(SHARING_ICONS))`, so that each icon is named once.
 */
export {
  ArrowLeftOutline,
  BookOutline,
  CloudOutline,
  FireOutline,
  FlagOutline,
  FormOutline,
  LikeFill,
  LikeOutline,
  MessageOutline,
  PictureOutline,
  StarOutline,
  TrophyOutline,
} from '@ant-design/icons-angular/icons';
