import { Column, CreateDateColumn, Entity, PrimaryColumn, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { ContentStatus, CourseCategory, ModuleKind, ProgramKind } from '@lingyan/contracts';
import type { CreditTable } from '@lingyan/domain';
import { numericColumn } from '../common/columns';

@Entity('program')
export class Program {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ type: 'varchar', length: 200 }) title!: string;
  @Column({ type: 'smallint' }) year!: number;
  @Column({ type: 'varchar', length: 32 }) kind!: ProgramKind;
  @Column({ name: 'required_credits', type: 'numeric', precision: 6, scale: 2, transformer: numericColumn })
  requiredCredits!: number;
  @Column({ name: 'starts_on', type: 'date' }) startsOn!: string;
  @Column({ name: 'ends_on', type: 'date' }) endsOn!: string;
  @Column({ type: 'varchar', length: 16, default: 'draft' }) status!: ContentStatus;
  @Column({ name: 'credit_table', type: 'jsonb', nullable: true }) creditTable!: CreditTable | null;
  @Column({ name: 'owner_id', type: 'uuid' }) ownerId!: string;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt!: Date;
}

@Entity('course')
export class Course {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ type: 'varchar', length: 200 }) title!: string;
  @Column({ type: 'text', default: '' }) summary!: string;
  @Column({ type: 'varchar', length: 32 }) category!: CourseCategory;
  @Column({ type: 'boolean', default: false }) sequential!: boolean;
  @Column({ type: 'varchar', length: 16, default: 'draft' }) status!: ContentStatus;
  @Column({ name: 'owner_id', type: 'uuid' }) ownerId!: string;
  @Column({ name: 'published_at', type: 'timestamptz', nullable: true }) publishedAt!: Date | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt!: Date;
}

@Entity('program_course')
export class ProgramCourse {
  @PrimaryColumn({ name: 'program_id', type: 'uuid' }) programId!: string;
  @PrimaryColumn({ name: 'course_id', type: 'uuid' }) courseId!: string;
  @Column({ type: 'boolean', default: true }) required!: boolean;
  @Column({ type: 'integer' }) position!: number;
}

/** A module (单元) of a course. Named so as not to clash with Nest's @Module. */
@Entity('module')
export class CourseModule {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ name: 'course_id', type: 'uuid' }) courseId!: string;
  @Column({ type: 'integer' }) position!: number;
  @Column({ type: 'varchar', length: 16 }) kind!: ModuleKind;
  @Column({ type: 'varchar', length: 200 }) title!: string;
  @Column({ type: 'text', nullable: true }) body!: string | null;
  @Column({ name: 'estimated_minutes', type: 'integer' }) estimatedMinutes!: number;
  @Column({ type: 'numeric', precision: 5, scale: 2, transformer: numericColumn }) credits!: number;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt!: Date;
}
