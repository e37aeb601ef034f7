import { Component } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { Router, provideRouter } from '@angular/router';
import { App } from './app';

@Component({ template: '<h1>Routed page</h1>' })
class RoutedPage {}

describe('App', () => {
  it('renders the routed page', async () => {
    TestBed.configureTestingModule({
      providers: [provideRouter([{ path: '**', component: RoutedPage }])],
    });
    const fixture = TestBed.createComponent(App);
    await fixture.whenStable();
    await TestBed.inject(Router).navigateByUrl('/');
    await fixture.whenStable();

    expect((fixture.nativeElement as HTMLElement).querySelector('h1')?.textContent).toBe(
      'Routed page',
    );
  });
});
