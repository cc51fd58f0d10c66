import { Body, Controller, Get, HttpCode, Param, Post, Query, Req, Res, StreamableFile } from '@nestjs/common';
import {
  ApiConflictResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiTags,
} from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type {
  CertificateDto,
  CertificateVerificationDto,
  CohortCertificateDto,
  IssueCertificatesResponse,
  MyCertificatesDto,
  Page,
} from '@lingyan/contracts';
import { AnyRole, Auth, CurrentUser, Public } from '../auth/auth.decorators';
import type { AuthUser } from '../auth/auth-user';
import { contentDisposition } from '../common/sheets/sheet-writer';
import { IdParam } from '../common/params';
import { CohortCertificatesQuery, ProgramIdParam, RevokeCertificateDto, VerifyCodeParam } from './certificates.dto';
import { CertificatesService } from './certificates.service';

/** Certificates (结业证书): the holder's, the PDF, revocation, and the public verification. */
@ApiTags('certificates')
@Controller('certificates')
export class CertificatesController {
  constructor(private readonly certificates: CertificatesService) {}

  /** Public on purpose: the QR code on a printed certificate leads here. */
  @Get('verify/:code')
  @Public()
  @ApiOperation({ summary: 'Whether a certificate code is valid, revoked or unknown (the holder’s name masked)' })
  @ApiOkResponse({ description: 'Always 200: an unknown or malformed code answers status "unknown".' })
  verify(@Param() params: VerifyCodeParam): Promise<CertificateVerificationDto> {
    return this.certificates.verify(params.code);
  }

  @Get('mine')
  @Auth('trainee')
  @ApiOperation({ summary: 'Your certificates, and the completed programs whose certificate you can request' })
  mine(@CurrentUser() user: AuthUser): Promise<MyCertificatesDto> {
    return this.certificates.mine(user);
  }

  @Post('mine/:programId')
  @Auth('trainee')
  @HttpCode(200)
  @ApiOperation({ summary: 'Request your certificate of a program you completed (answers the one you have, if any)' })
  @ApiConflictResponse({ description: 'Not completed (CERTIFICATE_NOT_ELIGIBLE), or revoked (CERTIFICATE_REVOKED).' })
  claim(@CurrentUser() user: AuthUser, @Param() params: ProgramIdParam): Promise<CertificateDto> {
    return this.certificates.claim(user, params.programId);
  }

  @Get(':id/pdf')
  @AnyRole()
  @ApiProduces('application/pdf')
  @ApiOperation({ summary: 'The certificate as a PDF (its holder, or an administrator whose region covers them)' })
  @ApiNotFoundResponse({ description: 'No such certificate, or not yours to see.' })
  async pdf(
    @CurrentUser() actor: AuthUser,
    @Param() params: IdParam,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<StreamableFile> {
    const { pdf, fileName } = await this.certificates.pdf(actor, params.id, `${request.protocol}://${request.host}`);
    reply.header('Content-Type', 'application/pdf');
    reply.header('Content-Disposition', contentDisposition(fileName));
    reply.header('Cache-Control', 'private, no-store');
    return new StreamableFile(pdf);
  }

  @Post(':id/revoke')
  @Auth('admin')
  @HttpCode(200)
  @ApiOperation({ summary: 'Revoke a certificate held in your region; the reason is shown publicly' })
  @ApiConflictResponse({ description: 'Revoked already (CERTIFICATE_REVOKED).' })
  revoke(
    @CurrentUser() actor: AuthUser,
    @Param() params: IdParam,
    @Body() body: RevokeCertificateDto,
  ): Promise<CertificateDto> {
    return this.certificates.revoke(actor, params.id, body.reason);
  }
}

/** A cohort's certificates, for the administrators who see the cohort (their part of it). */
@ApiTags('certificates')
@Auth('admin')
@Controller('cohorts')
export class CohortCertificatesController {
  constructor(private readonly certificates: CertificatesService) {}

  @Post(':id/certificates')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Issue certificates to the trainees of your part of the cohort who completed it (idempotent)',
  })
  issue(@CurrentUser() actor: AuthUser, @Param() params: IdParam): Promise<IssueCertificatesResponse> {
    return this.certificates.issueForCohort(actor, params.id);
  }

  @Get(':id/certificates')
  @ApiOperation({ summary: 'Certificates of the cohort held in your region, newest first' })
  list(
    @CurrentUser() actor: AuthUser,
    @Param() params: IdParam,
    @Query() query: CohortCertificatesQuery,
  ): Promise<Page<CohortCertificateDto>> {
    return this.certificates.listForCohort(actor, params.id, query);
  }
}
