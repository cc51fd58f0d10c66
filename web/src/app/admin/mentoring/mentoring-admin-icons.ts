import type { IconDefinition } from '@ant-design/icons-angular';
import {
  CloseCircleOutline,
  CloseOutline,
  LeftOutline,
  SearchOutline,
  SmileOutline,
  ThunderboltOutline,
  UndoOutline,
  UsergroupAddOutline,
  WarningOutline,
} from '@ant-design/icons-angular/icons';

/**
 * Icons of the administrators' mentoring screens beyond the app's own (`core/icons.ts`), bundled
 * statically (the CSP forbids fetching icons at run time); the mentoring routes provide them.
 */
export const MENTORING_ADMIN_ICONS: IconDefinition[] = [
  CloseCircleOutline,
  CloseOutline,
  LeftOutline,
  SearchOutline,
  SmileOutline,
  ThunderboltOutline,
  UndoOutline,
  UsergroupAddOutline,
  WarningOutline,
];
