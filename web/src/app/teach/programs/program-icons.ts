import {
  ArrowDownOutline,
  ArrowUpOutline,
  CalendarOutline,
  CheckOutline,
  ContainerOutline,
  DeleteOutline,
  ExclamationCircleOutline,
  HolderOutline,
  LeftOutline,
  SearchOutline,
  SendOutline,
} from '@ant-design/icons-angular/icons';
import type { IconDefinition } from '@ant-design/icons-angular';

/** Icons of the program screens, bundled statically (the CSP forbids fetching icons at run time). */
export const PROGRAM_ICONS: IconDefinition[] = [
  ArrowDownOutline,
  ArrowUpOutline,
  CalendarOutline,
  CheckOutline,
  ContainerOutline,
  DeleteOutline,
  ExclamationCircleOutline,
  HolderOutline,
  LeftOutline,
  SearchOutline,
  SendOutline,
];
