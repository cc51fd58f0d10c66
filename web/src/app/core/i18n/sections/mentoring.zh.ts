/**
 * Strings of mentoring (导师帮带) shared by the mentor's, the trainee's and the administrators' screens:
 * titles, expertise areas, statuses, meeting modes, and suggestion reasons (Simplified Chinese, the
 * source). `mentoring.en.ts` has the same keys. Screens of one area keep their strings in their own
 * section (`mentoring-work.*`, `mentoring-admin.*`).
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
} as const;
