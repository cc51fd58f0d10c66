import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, IsOptional, IsString, IsUUID, MaxLength, MinLength } from 'class-validator';
import {
  CERTIFICATE_STATUSES,
  REVOKE_REASON_MAX_LENGTH,
  REVOKE_REASON_MIN_LENGTH,
  type CertificateStatus,
  type RevokeCertificateRequest,
} from '@lingyan/contracts';
import { PageQuery } from '../common/paging';
import { trim } from '../common/validation';

export class ProgramIdParam {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all', { message: 'programId must be a UUID' })
  programId!: string;
}

/** The public code is read leniently (see `normalizeCertificateCode`); anything else is simply unknown. */
export class VerifyCodeParam {
  @ApiProperty({ example: '7KQ2M9XD0AB1CDEFGHJK' })
  @IsString()
  code!: string;
}

export class CohortCertificatesQuery extends PageQuery {
  @ApiPropertyOptional({ enum: CERTIFICATE_STATUSES })
  @IsOptional()
  @IsIn(CERTIFICATE_STATUSES)
  status?: CertificateStatus;

  @ApiPropertyOptional({ description: 'Part of the holder’s name or username, or the serial' })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(64)
  q?: string;
}

export class RevokeCertificateDto implements RevokeCertificateRequest {
  @ApiProperty({
    example: '培训期间有违纪行为，经研究撤销结业资格',
    description: 'Shown on the public verification page.',
  })
  @Transform(trim)
  @IsString()
  @MinLength(REVOKE_REASON_MIN_LENGTH, {
    message: `reason must be at least ${REVOKE_REASON_MIN_LENGTH} characters`,
  })
  @MaxLength(REVOKE_REASON_MAX_LENGTH, {
    message: `reason must be at most ${REVOKE_REASON_MAX_LENGTH} characters`,
  })
  reason!: string;
}
