import type { zhMentoring } from './mentoring.zh';

/** English strings of mentoring shared by every area; the keys of `mentoring.zh.ts`. */
export const enMentoring: { readonly [K in keyof typeof zhMentoring]: string } = {
  'mentoring.title.province': 'Provincial master secretary',
  'mentoring.title.city': 'City master secretary',
  'mentoring.title.county': 'County master secretary',
  'mentoring.title.none': 'Mentor',

  'mentoring.expertise.industry': 'Industry development',
  'mentoring.expertise.collective_economy': 'Collective economy',
  'mentoring.expertise.governance': 'Grassroots governance',
  'mentoring.expertise.rural_tourism': 'Rural tourism',
  'mentoring.expertise.ecology': 'Ecology and environment',
  'mentoring.expertise.mediation': 'Dispute mediation',
  'mentoring.expertise.digital_village': 'Digital village',
  'mentoring.expertise.party_building': 'Party building',

  'mentoring.status.proposed': 'Awaiting the mentor',
  'mentoring.status.active': 'Active',
  'mentoring.status.completed': 'Completed',
  'mentoring.status.ended': 'Ended',

  'mentoring.mode.visit': 'Site visit',
  'mentoring.mode.phone': 'Phone',
  'mentoring.mode.online': 'Online',

  'mentoring.goal.open': 'Open',
  'mentoring.goal.done': 'Done',
  'mentoring.goal.dropped': 'Dropped',

  'mentoring.reason.region.village': 'same village ({region})',
  'mentoring.reason.region.township': 'same township ({region})',
  'mentoring.reason.region.county': 'same county ({region})',
  'mentoring.reason.region.city': 'same city ({region})',
  'mentoring.reason.region.province': 'same province ({region})',
  'mentoring.reason.expertise.weakest': 'expertise in {area}, the trainee’s weakest area',
  'mentoring.reason.expertise.need': 'expertise in {area}, which the trainee asked for',
  'mentoring.reason.load': '{free} of {capacity} places free',
  'mentoring.reason.separator': '; ',
  'mentoring.score': 'match {score}',
  'mentoring.capacity': '{load}/{capacity} mentees',
};
