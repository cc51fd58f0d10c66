/**
 * Strings of certificates (结业证书): the public verification page, the trainee's certificates and a
 * cohort's certificates for administrators (Simplified Chinese, the source). `certificates.en.ts` has
 * the same keys.
 */
export const zhCertificates = {
  'certificates.status.valid': '有效',
  'certificates.status.revoked': '已撤销',
  'certificates.field.holder': '持证人',
  'certificates.field.program': '培训项目',
  'certificates.field.period': '培训时间',
  'certificates.field.serial': '证书编号',
  'certificates.field.issuedAt': '颁发日期',
  'certificates.field.issuer': '颁发单位',
  'certificates.field.code': '验证码',
  'certificates.field.revokedAt': '撤销日期',
  'certificates.field.reason': '撤销原因',
  'certificates.period': '{from} 至 {to}',

  // the public verification page
  'certificates.verify.title': '结业证书查验',
  'certificates.verify.subtitle': '扫描证书上的二维码，或输入证书上的验证码，核验证书真伪。',
  'certificates.verify.codeLabel': '验证码',
  'certificates.verify.codePlaceholder': '例如 7KQ2-M9XD-0AB1-CDEF-GHJK',
  'certificates.verify.codeRequired': '请输入证书上的验证码',
  'certificates.verify.submit': '查验',
  'certificates.verify.checking': '正在查验…',
  'certificates.verify.valid': '证书有效',
  'certificates.verify.validText': '这是一份真实有效的结业证书。',
  'certificates.verify.revoked': '证书已撤销（原因：{reason}）',
  'certificates.verify.revokedText': '该证书已于 {date} 撤销，不再有效。',
  'certificates.verify.unknown': '未找到该证书',
  'certificates.verify.unknownText': '没有与验证码“{code}”对应的证书，请核对后重新输入。',
  'certificates.verify.failed': '暂时无法查验',
  'certificates.verify.privacy': '为保护个人信息，持证人姓名已部分隐去。',
  'certificates.verify.signIn': '登录平台',

  // the trainee's certificates (learn/certificates)
  'certificates.mine.title': '我的证书',
  'certificates.mine.link': '我的证书',
  'certificates.mine.subtitle': '完成培训项目后在这里领取结业证书，可下载 PDF 打印或出示。',
  'certificates.mine.loadFailed': '证书加载失败',
  'certificates.mine.claimable': '你已完成「{cohort}」，可以领取结业证书。',
  'certificates.mine.claim': '领取证书',
  'certificates.mine.claimed': '证书已颁发',
  'certificates.mine.download': '下载证书 PDF',
  'certificates.mine.downloadFailed': '证书下载失败，请稍后再试。',
  'certificates.mine.verifyLink': '查验页面',
  'certificates.mine.revokedNote': '该证书已于 {date} 撤销：{reason}',
  'certificates.mine.emptyTitle': '还没有证书',
  'certificates.mine.emptyText': '完成培训项目的全部学习要求后，即可在这里领取结业证书。',

  // a cohort's certificates (admin/cohorts/:id/certificates)
  'certificates.cohort.link': '结业证书',
  'certificates.cohort.title': '结业证书',
  'certificates.cohort.subtitle': '为本班次中您管辖范围内已完成学习的学员颁发结业证书；重复颁发不会产生重复的证书。',
  'certificates.cohort.issue': '颁发结业证书',
  'certificates.cohort.issueConfirm': '为已完成学习、尚无证书的学员颁发结业证书？',
  'certificates.cohort.issued':
    '新颁发 {issued} 份；已有证书 {existing} 人；证书已撤销 {revoked} 人（不自动重发）；未完成学习 {notEligible} 人。',
  'certificates.cohort.loadFailed': '证书列表加载失败',
  'certificates.cohort.search': '搜索姓名、账号或证书编号',
  'certificates.cohort.total': '共 {total} 份',
  'certificates.cohort.empty': '还没有颁发证书',
  'certificates.cohort.col.holder': '学员',
  'certificates.cohort.col.region': '所在地区',
  'certificates.cohort.col.serial': '证书编号',
  'certificates.cohort.col.issuedAt': '颁发时间',
  'certificates.cohort.col.status': '状态',
  'certificates.cohort.col.actions': '操作',
  'certificates.cohort.pdf': 'PDF',
  'certificates.cohort.revoke': '撤销',
  'certificates.cohort.revokedBy': '{name} 于 {date} 撤销：{reason}',

  // revoking
  'certificates.revoke.title': '撤销证书',
  'certificates.revoke.intro':
    '撤销 {name} 的证书 {serial}。撤销后查验页面将显示“已撤销”和撤销原因，该证书不会再自动颁发。',
  'certificates.revoke.reason': '撤销原因',
  'certificates.revoke.reasonHint': '原因将在公开的查验页面上显示，2–200 字。',
  'certificates.revoke.reasonRequired': '请填写 2–200 字的撤销原因',
  'certificates.revoke.confirm': '确认撤销',
  'certificates.revoke.done': '证书已撤销',
} as const;
