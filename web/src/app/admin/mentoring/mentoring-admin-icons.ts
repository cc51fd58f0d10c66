/**
 * Icons of the administrators' mentoring screens beyond the app's own (`core/icons.ts`) and those
 * ng-zorro registers itself (`NZ_ICONS_USED_BY_ZORRO`: close, close-circle, left, search, …), bundled
 * statically (the CSP forbids fetching icons at run time); the mentoring routes provide them:
 * `import * as MENTORING_ADMIN_ICONS` and `provideNzIconsPatch(Object.values(MENTORING_ADMIN_ICONS))`,
 * so that each icon is named once.
 */
export { SmileOutline, ThunderboltOutline, UndoOutline, WarningOutline } from '@ant-design/icons-angular/icons';
