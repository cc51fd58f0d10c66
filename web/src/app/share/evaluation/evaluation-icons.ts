import type { IconDefinition } from '@ant-design/icons-angular';
import {
  ArrowDownOutline,
  ArrowUpOutline,
  InfoCircleOutline,
  LeftOutline,
  MessageOutline,
  SaveOutline,
  SearchOutline,
  SettingOutline,
  TrophyOutline,
  UndoOutline,
  WarningOutline,
} from '@ant-design/icons-angular/icons';

/**
 * Icons of the evaluation and result screens beyond the app's own (`core/icons.ts`), bundled
 * statically (the CSP forbids fetching icons). The pages provide them themselves: they live under
 * the learn, teach, mentor and admin routes alike.
 */
export const EVALUATION_ICONS: IconDefinition[] = [
  ArrowDownOutline,
  ArrowUpOutline,
  InfoCircleOutline,
  LeftOutline,
  MessageOutline,
  SaveOutline,
  SearchOutline,
  SettingOutline,
  TrophyOutline,
  UndoOutline,
  WarningOutline,
];
