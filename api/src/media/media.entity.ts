import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { MediaKind } from '@lingyan/contracts';

/** An uploaded file; its bytes are in the media storage under `storageKey`. */
@Entity('media')
export class Media {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ name: 'owner_id', type: 'uuid' }) ownerId!: string;
  @Column({ type: 'varchar', length: 16 }) kind!: MediaKind;
  @Column({ name: 'content_type', type: 'varchar', length: 100 }) contentType!: string;
  @Column({ name: 'size_bytes', type: 'bigint', transformer: { to: (v: number) => v, from: (v: string) => Number(v) } })
  sizeBytes!: number;
  @Column({ name: 'original_name', type: 'varchar', length: 255 }) originalName!: string;
  @Column({ name: 'storage_key', type: 'varchar', length: 255 }) storageKey!: string;
  @Column({ type: 'char', length: 64 }) sha256!: string;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
}
