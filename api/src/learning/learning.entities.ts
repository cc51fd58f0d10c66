import { Column, CreateDateColumn, Entity, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';
import type { ProgressStatus } from '@lingyan/contracts';
import { numericColumn } from '../common/columns';

@Entity('program_enrolment')
export class ProgramEnrolment {
  @PrimaryColumn({ name: 'program_id', type: 'uuid' }) programId!: string;
  @PrimaryColumn({ name: 'user_id', type: 'uuid' }) userId!: string;
  @CreateDateColumn({ name: 'enrolled_at', type: 'timestamptz' }) enrolledAt!: Date;
}

/** One report of activity as received; the audit trail behind progress and credits. */
@Entity('progress_event')
export class ProgressEvent {
  @PrimaryColumn('uuid') id!: string;
  @Column({ name: 'user_id', type: 'uuid' }) userId!: string;
  @Column({ name: 'module_id', type: 'uuid' }) moduleId!: string;
  @Column({ name: 'started_at', type: 'timestamptz' }) startedAt!: Date;
  @Column({ name: 'ended_at', type: 'timestamptz' }) endedAt!: Date;
  @Column({ name: 'reached_end', type: 'boolean', default: false }) reachedEnd!: boolean;
  @Column({ type: 'real', nullable: true }) position!: number | null;
  @CreateDateColumn({ name: 'received_at', type: 'timestamptz' }) receivedAt!: Date;
}

@Entity('module_progress')
export class ModuleProgress {
  @PrimaryColumn({ name: 'user_id', type: 'uuid' }) userId!: string;
  @PrimaryColumn({ name: 'module_id', type: 'uuid' }) moduleId!: string;
  @Column({ type: 'varchar', length: 16 }) status!: ProgressStatus;
  @Column({ name: 'active_seconds', type: 'integer' }) activeSeconds!: number;
  @Column({ name: 'reached_end', type: 'boolean' }) reachedEnd!: boolean;
  @Column({ name: 'last_position', type: 'real', nullable: true }) lastPosition!: number | null;
  @Column({ name: 'last_activity_at', type: 'timestamptz' }) lastActivityAt!: Date;
  @Column({ name: 'completed_at', type: 'timestamptz', nullable: true }) completedAt!: Date | null;
}

/** The credit-hour ledger (学时台账): append-only, one entry per (user, module, rule). */
@Entity('credit_ledger')
export class CreditLedgerEntry {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ name: 'user_id', type: 'uuid' }) userId!: string;
  @Column({ name: 'module_id', type: 'uuid' }) moduleId!: string;
  @Column({ name: 'course_id', type: 'uuid' }) courseId!: string;
  @Column({ type: 'numeric', precision: 5, scale: 2, transformer: numericColumn }) credits!: number;
  @Column({ type: 'varchar', length: 64 }) rule!: string;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
}
