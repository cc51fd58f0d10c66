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

  // what the server refused in a save, by field, and the words above the form's buttons
  'mentoring.fixProblems': 'Please correct the fields marked and save again.',
  'mentoring.problem.required': 'Please fill this in',
  'mentoring.problem.tooLong': 'At most {max} characters',
  'mentoring.problem.future': 'A meeting cannot be dated after today',
  'mentoring.problem.date': 'Enter a valid date',
  'mentoring.problem.range': 'Enter a whole number from {min} to {max}',
  'mentoring.problem.region': 'Choose a valid region',

  // a mentor's profile, edited by the mentor or by an administrator
  'mentoring.profile.title': 'Title',
  'mentoring.profile.noTitle': 'No title',
  'mentoring.profile.expertise': 'Expertise',
  'mentoring.profile.expertiseHint':
    'Choose any that apply; mentors whose expertise meets a trainee’s needs or weakest quiz areas are suggested first',
  'mentoring.profile.region': 'Home region',
  'mentoring.profile.regionHint': 'The closer a mentor is to a trainee, the higher they are suggested',
  'mentoring.profile.regionRequired': 'Choose the home region',
  'mentoring.profile.capacity': 'Places',
  'mentoring.profile.capacityHint':
    'Most trainees at a time (awaiting confirmation included), 1–{max}; {load} taken now',
  'mentoring.profile.belowLoad':
    '{load} places are taken: existing pairings stay, but no new trainee will be paired until places free up.',
  'mentoring.profile.bio': 'About',
  'mentoring.profile.bioPlaceholder': 'Posts held and experience of leading a village, to help with pairing',
  'mentoring.profile.save': 'Save profile',

  // declining or ending a pairing, with a reason: the mentor, or an administrator
  'mentoring.end.declineTitle': 'Decline the pairing',
  'mentoring.end.declineIntro':
    'An administrator will find {trainee} another mentor. Please say why; the administrator will see it.',
  'mentoring.end.endTitle': 'End the pairing',
  'mentoring.end.endIntro':
    'End your pairing with {trainee} early. Please say why; the trainee and the administrator will see it.',
  'mentoring.end.adminTitle': 'End the pairing of {mentor} and {trainee}',
  'mentoring.end.adminIntro': 'The mentor is notified, and the trainee too if mentoring had started.',
  'mentoring.end.reason': 'Reason',
  'mentoring.end.reasonPlaceholder': 'e.g. a new post leaves no time for visits',
  'mentoring.end.reasonRequired': 'Please give a reason',
  'mentoring.end.confirmDecline': 'Decline',
  'mentoring.end.confirmEnd': 'End pairing',
  'mentoring.end.declined': 'Pairing declined',
  'mentoring.end.ended': 'Pairing ended',
};
