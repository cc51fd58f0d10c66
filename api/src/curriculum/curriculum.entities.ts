import { Column, CreateDateColumn, Entity, PrimaryColumn, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type {
  AssignmentSettings,
  ContentStatus,
  CourseCategory,
  ModuleKind,
  ProgramKind,
  QuizSettings,
} from '@lingyan/contracts';
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
  @Column({ type: 'text', default: '' }) description!: string;
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
  /** On a draft revision: the published course it will replace. */
  @Column({ name: 'revision_of', type: 'uuid', nullable: true }) revisionOf!: string | null;
  @Column({ name: 'open_elective', type: 'boolean', default: false }) openElective!: boolean;
  @Column({ name: 'cover_media_id', type: 'uuid', nullable: true }) coverMediaId!: string | null;
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
  @Column({ name: 'media_id', type: 'uuid', nullable: true }) mediaId!: string | null;
  @Column({ name: 'external_url', type: 'varchar', length: 2000, nullable: true }) externalUrl!: string | null;
  @Column({ name: 'duration_seconds', type: 'integer', nullable: true }) durationSeconds!: number | null;
  /** A quiz's questions and rules (quiz modules only). */
  @Column({ type: 'jsonb', nullable: true }) quiz!: QuizSettings | null;
  /** An assignment's rubric, due date and pass mark (assignment modules only). */
  @Column({ type: 'jsonb', nullable: true }) assignment!: AssignmentSettings | null;
  /** In a draft revision: the live module this copy stands for. */
  @Column({ name: 'origin_id', type: 'uuid', nullable: true }) originId!: string | null;
  /** A live module a published revision dropped: kept for progress and the ledger, no longer shown. */
  @Column({ name: 'retired_at', type: 'timestamptz', nullable: true }) retiredAt!: Date | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt!: Date;
}
