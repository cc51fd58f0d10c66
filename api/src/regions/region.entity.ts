import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { RegionLevel } from '@lingyan/contracts';

@Entity('region')
export class Region {
  @PrimaryColumn({ type: 'varchar', length: 12 })
  code!: string;

  @Column({ type: 'varchar', length: 64 })
  name!: string;

  @Column({ name: 'official_name', type: 'varchar', length: 128 })
  officialName!: string;

  @Column({ type: 'varchar', length: 16 })
  level!: RegionLevel;

  @Column({ name: 'parent_code', type: 'varchar', length: 12, nullable: true })
  parentCode!: string | null;

  @Column({ type: 'ltree' })
  path!: string;
}
