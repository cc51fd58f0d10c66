import { ChangeDetectionStrategy, Component } from '@angular/core';
import { MentorEvaluations } from '../share/evaluation/mentor-evaluations';
import { HomePlaceholder, HomeTexts } from '../share/home-placeholder';

/** Home of the mentors. A placeholder until the mentor features are built. */
@Component({
  selector: 'app-mentor-home-page',
  imports: [HomePlaceholder, MentorEvaluations],
  template: `
    <app-home-placeholder [texts]="texts" />
    <div class="ly-page evaluations"><app-mentor-evaluations /></div>
  `,
  styles: '.evaluations { padding-top: 0; }',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class MentorHomePage {
  protected readonly texts: HomeTexts = {
    title: 'mentor.title',
    subtitle: 'mentor.subtitle',
    emptyTitle: 'mentor.emptyTitle',
    emptyText: 'mentor.emptyText',
    soon: ['mentor.soon1', 'mentor.soon2', 'mentor.soon3'],
  };
}
