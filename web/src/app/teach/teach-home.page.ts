import { ChangeDetectionStrategy, Component } from '@angular/core';
import { HomePlaceholder, HomeTexts } from '../share/home-placeholder';

/** Home of the trainers. A placeholder until the teach features are built. */
@Component({
  selector: 'app-teach-home-page',
  imports: [HomePlaceholder],
  template: '<app-home-placeholder [texts]="texts" />',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class TeachHomePage {
  protected readonly texts: HomeTexts = {
    title: 'teach.title',
    subtitle: 'teach.subtitle',
    emptyTitle: 'teach.emptyTitle',
    emptyText: 'teach.emptyText',
    soon: ['teach.soon1', 'teach.soon2', 'teach.soon3'],
  };
}
