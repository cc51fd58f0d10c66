import {
  ArrowDownOutline,
  ArrowUpOutline,
  ContainerOutline,
  DeleteOutline,
  EditOutline,
  EyeOutline,
  FileTextOutline,
  HolderOutline,
  LeftOutline,
  SendOutline,
} from '@ant-design/icons-angular/icons';
import type { IconDefinition } from '@ant-design/icons-angular';

/** Icons of the teach screens, bundled statically (the CSP forbids fetching icons at run time). */
export const TEACH_ICONS: IconDefinition[] = [
  ArrowDownOutline,
  ArrowUpOutline,
  ContainerOutline,
  DeleteOutline,
  EditOutline,
  EyeOutline,
  FileTextOutline,
  HolderOutline,
  LeftOutline,
  SendOutline,
];
