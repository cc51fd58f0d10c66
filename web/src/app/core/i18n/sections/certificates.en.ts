import type { zhCertificates } from './certificates.zh';

export const enCertificates: { readonly [K in keyof typeof zhCertificates]: string } = {
  'certificates.status.valid': 'Valid',
  'certificates.status.revoked': 'Revoked',
  'certificates.field.holder': 'Holder',
  'certificates.field.program': 'Program',
  'certificates.field.period': 'Period of study',
  'certificates.field.serial': 'Serial number',
  'certificates.field.issuedAt': 'Issued on',
  'certificates.field.issuer': 'Issued by',
  'certificates.field.code': 'Verification code',
  'certificates.field.revokedAt': 'Revoked on',
  'certificates.field.reason': 'Reason',
  'certificates.period': '{from} to {to}',

  // the public verification page
  'certificates.verify.title': 'Verify a certificate',
  'certificates.verify.subtitle':
    'Scan the QR code on a certificate, or type its verification code, to check that it is genuine.',
  'certificates.verify.codeLabel': 'Verification code',
  'certificates.verify.codePlaceholder': 'e.g. 7KQ2-M9XD-0AB1-CDEF-GHJK',
  'certificates.verify.codeRequired': 'Type the verification code printed on the certificate',
  'certificates.verify.submit': 'Verify',
  'certificates.verify.checking': 'Checking…',
  'certificates.verify.valid': 'Valid certificate',
  'certificates.verify.validText': 'This certificate of completion is genuine and in force.',
  'certificates.verify.revoked': 'Certificate revoked (reason: {reason})',
  'certificates.verify.revokedText': 'This certificate was revoked on {date} and is no longer valid.',
  'certificates.verify.unknown': 'No such certificate',
  'certificates.verify.unknownText': 'No certificate has the code “{code}”. Please check it and try again.',
  'certificates.verify.failed': 'Could not verify right now',
  'certificates.verify.privacy': 'To protect personal data, the holder’s name is partly hidden.',
  'certificates.verify.signIn': 'Sign in',

  // the trainee's certificates (learn/certificates)
  'certificates.mine.title': 'My certificates',
  'certificates.mine.link': 'My certificates',
  'certificates.mine.subtitle':
    'Collect your certificate of completion here once you complete a program, and download it as a PDF.',
  'certificates.mine.loadFailed': 'Could not load your certificates',
  'certificates.mine.claimable': 'You completed “{cohort}”: your certificate is ready to collect.',
  'certificates.mine.claim': 'Collect certificate',
  'certificates.mine.claimed': 'Certificate issued',
  'certificates.mine.download': 'Download PDF',
  'certificates.mine.downloadFailed': 'Could not download the certificate. Please try again later.',
  'certificates.mine.verifyLink': 'Verification page',
  'certificates.mine.revokedNote': 'Revoked on {date}: {reason}',
  'certificates.mine.emptyTitle': 'No certificates yet',
  'certificates.mine.emptyText': 'Once you meet all the requirements of a program, collect its certificate here.',

  // a cohort's certificates (admin/cohorts/:id/certificates)
  'certificates.cohort.link': 'Certificates',
  'certificates.cohort.title': 'Certificates',
  'certificates.cohort.subtitle':
    'Issue certificates of completion to the trainees of this cohort in your region who completed it. Issuing again never duplicates a certificate.',
  'certificates.cohort.issue': 'Issue certificates',
  'certificates.cohort.issueConfirm': 'Issue certificates to every trainee who completed the cohort and has none yet?',
  'certificates.cohort.issued':
    '{issued} issued; {existing} had one already; {revoked} revoked (not reissued automatically); {notEligible} not completed.',
  'certificates.cohort.loadFailed': 'Could not load the certificates',
  'certificates.cohort.search': 'Search name, username or serial',
  'certificates.cohort.total': '{total} certificates',
  'certificates.cohort.empty': 'No certificates issued yet',
  'certificates.cohort.col.holder': 'Trainee',
  'certificates.cohort.col.region': 'Region',
  'certificates.cohort.col.serial': 'Serial number',
  'certificates.cohort.col.issuedAt': 'Issued',
  'certificates.cohort.col.status': 'Status',
  'certificates.cohort.col.actions': 'Actions',
  'certificates.cohort.pdf': 'PDF',
  'certificates.cohort.revoke': 'Revoke',
  'certificates.cohort.revokedBy': 'Revoked by {name} on {date}: {reason}',

  // revoking
  'certificates.revoke.title': 'Revoke certificate',
  'certificates.revoke.intro':
    'Revoke certificate {serial} of {name}. The verification page will then say it was revoked, and why; it is not issued again automatically.',
  'certificates.revoke.reason': 'Reason',
  'certificates.revoke.reasonHint': 'Shown on the public verification page; 2–200 characters.',
  'certificates.revoke.reasonRequired': 'Give a reason of 2–200 characters',
  'certificates.revoke.confirm': 'Revoke',
  'certificates.revoke.done': 'Certificate revoked',
};
