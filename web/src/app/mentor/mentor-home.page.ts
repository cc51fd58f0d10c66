import { ChangeDetectionStrategy, Component } from '@angular/core';
import { HomePlaceholder, HomeTexts } from '../share/home-placeholder';

/** Home of the mentors. A placeholder until the mentor features are built. */
@Component({
  selector: 'app-mentor-home-page',
  imports: [HomePlaceholder],
  template: '<app-home-placeholder [texts]="texts" />',
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
