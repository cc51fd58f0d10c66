/**
 * Strings of mentoring (导师帮带) shared by the mentor's, the trainee's and the administrators' screens:
 * titles, expertise areas, statuses, meeting modes, suggestion reasons, and the pieces both areas use
 * (a refused save's problems, the mentor profile form, the dialog that ends a pairing) (Simplified
 * Chinese, the source). `mentoring.en.ts` has the same keys. Screens of one area keep their strings in
 * their own section (`mentoring-work.*`, `mentoring-admin.*`).
 */
export const zhMentoring = {
  'mentoring.title.province': '省级兴村名师',
  'mentoring.title.city': '市级兴村名师',
  'mentoring.title.county': '县级兴村名师',
  'mentoring.title.none': '导师',

  'mentoring.expertise.industry': '产业发展',
  'mentoring.expertise.collective_economy': '集体经济',
  'mentoring.expertise.governance': '基层治理',
  'mentoring.expertise.rural_tourism': '乡村旅游',
  'mentoring.expertise.ecology': '生态环保',
  'mentoring.expertise.mediation': '矛盾调解',
  'mentoring.expertise.digital_village': '数字乡村',
  'mentoring.expertise.party_building': '党建引领',

  'mentoring.status.proposed': '待导师确认',
  'mentoring.status.active': '帮带中',
  'mentoring.status.completed': '已完成',
  'mentoring.status.ended': '已结束',

  'mentoring.mode.visit': '实地走访',
  'mentoring.mode.phone': '电话',
  'mentoring.mode.online': '线上',

  'mentoring.goal.open': '进行中',
  'mentoring.goal.done': '已完成',
  'mentoring.goal.dropped': '已放弃',

  // why a mentor is suggested, one phrase a reason, joined with "；"
  'mentoring.reason.region.village': '同在{region}',
  'mentoring.reason.region.township': '同一乡镇（{region}）',
  'mentoring.reason.region.county': '同一县（{region}）',
  'mentoring.reason.region.city': '同一市（{region}）',
  'mentoring.reason.region.province': '同在{region}',
  'mentoring.reason.expertise.weakest': '擅长{area}，正是学员最薄弱的方面',
  'mentoring.reason.expertise.need': '擅长{area}，符合学员提出的需求',
  'mentoring.reason.load': '还有 {free}/{capacity} 个名额',
  'mentoring.reason.separator': '；',
  'mentoring.score': '匹配度 {score}',
  'mentoring.capacity': '{load}/{capacity} 名学员',

  // what the server refused in a save, by field, and the words above the form's buttons
  'mentoring.fixProblems': '请按提示修改后再保存。',
  'mentoring.problem.required': '请填写此项',
  'mentoring.problem.tooLong': '最多 {max} 个字',
  'mentoring.problem.future': '交流日期不能晚于今天',
  'mentoring.problem.date': '请填写有效的日期',
  'mentoring.problem.range': '请填写 {min}–{max} 之间的整数',
  'mentoring.problem.region': '请选择有效的地区',

  // a mentor's profile, edited by the mentor or by an administrator
  'mentoring.profile.title': '名师称号',
  'mentoring.profile.noTitle': '无称号',
  'mentoring.profile.expertise': '擅长领域',
  'mentoring.profile.expertiseHint': '可多选；与学员的需求或测验中较薄弱的方面相符时，优先推荐',
  'mentoring.profile.region': '所在地区',
  'mentoring.profile.regionHint': '推荐导师时，所在地区与学员越近越优先',
  'mentoring.profile.regionRequired': '请选择所在地区',
  'mentoring.profile.capacity': '可带教人数',
  'mentoring.profile.capacityHint': '同时帮带（含待确认）的学员上限，1–{max} 名；目前已占用 {load} 名',
  'mentoring.profile.belowLoad': '已有 {load} 名学员占用名额：现有结对不受影响，但名额空出前不会再安排新学员。',
  'mentoring.profile.bio': '个人简介',
  'mentoring.profile.bioPlaceholder': '任职经历、带领村庄发展的经验等，供安排结对时参考',
  'mentoring.profile.save': '保存资料',

  // declining or ending a pairing, with a reason: the mentor, or an administrator
  'mentoring.end.declineTitle': '婉拒结对',
  'mentoring.end.declineIntro': '婉拒后，管理员会为{trainee}另行安排导师。请说明原因，管理员会看到。',
  'mentoring.end.endTitle': '结束帮带',
  'mentoring.end.endIntro': '提前结束与{trainee}的结对。请说明原因，学员和管理员都会看到。',
  'mentoring.end.adminTitle': '结束 {mentor} 与 {trainee} 的结对',
  'mentoring.end.adminIntro': '结束后将通知导师；已开始帮带的，也会通知学员。',
  'mentoring.end.reason': '原因',
  'mentoring.end.reasonPlaceholder': '例如：工作调动，无法保证走访时间',
  'mentoring.end.reasonRequired': '请填写原因',
  'mentoring.end.confirmDecline': '确认婉拒',
  'mentoring.end.confirmEnd': '确认结束',
  'mentoring.end.declined': '已婉拒该结对',
  'mentoring.end.ended': '结对已结束',
} as const;
