import { Module } from '@nestjs/common';
import { EvaluationModule } from '../evaluation/evaluation.module';
import { RegionsModule } from '../regions/regions.module';
import { CertificatesController, CohortCertificatesController } from './certificates.controller';
import { CertificatesService } from './certificates.service';

/** 结业证书: issuing, the PDF (rendered on request), revocation and the public verification. */
@Module({
  imports: [RegionsModule, EvaluationModule],
  controllers: [CertificatesController, CohortCertificatesController],
  providers: [CertificatesService],
})
export class CertificatesModule {}
