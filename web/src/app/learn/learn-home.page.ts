import { ChangeDetectionStrategy, Component } from '@angular/core';
import { HomePlaceholder, HomeTexts } from '../share/home-placeholder';

/** Home of the trainees. A placeholder until the learn features are built. */
@Component({
  selector: 'app-learn-home-page',
  imports: [HomePlaceholder],
  template: '<app-home-placeholder [texts]="texts" />',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class LearnHomePage {
  protected readonly texts: HomeTexts = {
    title: 'learn.title',
    subtitle: 'learn.subtitle',
    emptyTitle: 'learn.emptyTitle',
    emptyText: 'learn.emptyText',
    soon: ['learn.soon1', 'learn.soon2', 'learn.soon3'],
  };
}
