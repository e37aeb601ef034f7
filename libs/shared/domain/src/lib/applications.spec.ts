import type { ApplicationCriterion, ApplicationQuestion } from '@parcours/contracts';
import { answerErrors, applicationAverage, scoreErrors, weightedScore } from './applications';

const questions: ApplicationQuestion[] = [
  { key: 'pitch', label: 'Votre projet', required: true },
  { key: 'team', label: 'Votre équipe', required: true, maxLength: 10 },
  { key: 'website', label: 'Site web', required: false },
];

const criteria: ApplicationCriterion[] = [
  { key: 'team', label: 'Équipe', weight: 3 },
  { key: 'market', label: 'Marché', weight: 1 },
];

describe('answerErrors', () => {
  it('accepts every required answer given, optional ones left out', () => {
    expect(answerErrors(questions, { pitch: 'Un robot', team: 'Trois' })).toEqual([]);
  });

  it('names each missing, blank, unknown, too long or non-text answer', () => {
    expect(
      answerErrors(questions, { pitch: '  ', team: 'Beaucoup trop long', extra: 'x', website: 3 }),
    ).toEqual([
      { path: 'answers.extra', message: 'not a question of this form' },
      { path: 'answers.pitch', message: 'this question needs an answer' },
      { path: 'answers.team', message: 'at most 10 characters' },
      { path: 'answers.website', message: 'must be text' },
    ]);
    expect(answerErrors(questions, {}).map((error) => error.path)).toEqual([
      'answers.pitch',
      'answers.team',
    ]);
  });
});

describe('scoreErrors', () => {
  it('accepts each criterion scored once within the scale', () => {
    expect(
      scoreErrors(criteria, [
        { criterion: 'team', score: 5 },
        { criterion: 'market', score: 0 },
      ]),
    ).toEqual([]);
  });

  it('names unknown, repeated, missing and out-of-scale scores', () => {
    expect(
      scoreErrors(criteria, [
        { criterion: 'team', score: 6 },
        { criterion: 'team', score: 2.5 },
        { criterion: 'luck', score: 1 },
      ]),
    ).toEqual([
      { path: 'scores.0.score', message: 'a whole number from 0 to 5' },
      { path: 'scores.1.criterion', message: 'scored twice' },
      { path: 'scores.1.score', message: 'a whole number from 0 to 5' },
      { path: 'scores.2.criterion', message: 'not a criterion of this programme' },
      { path: 'scores', message: 'criterion "market" is not scored' },
    ]);
  });
});

describe('weightedScore', () => {
  it('weighs each criterion', () => {
    // (3 × 4 + 1 × 2) / 4 = 3.5
    expect(
      weightedScore(criteria, [
        { criterion: 'team', score: 4 },
        { criterion: 'market', score: 2 },
      ]),
    ).toBe(3.5);
  });

  it('rounds to three decimals', () => {
    const thirds: ApplicationCriterion[] = [
      { key: 'a', label: 'A', weight: 1 },
      { key: 'b', label: 'B', weight: 2 },
    ];
    expect(
      weightedScore(thirds, [
        { criterion: 'a', score: 1 },
        { criterion: 'b', score: 0 },
      ]),
    ).toBe(0.333);
  });
});

describe('applicationAverage', () => {
  it('is unknown until the required reviews are in', () => {
    expect(applicationAverage([], 1)).toBeNull();
    expect(applicationAverage([4], 2)).toBeNull();
  });

  it('is the mean of the weighted scores once they are', () => {
    expect(applicationAverage([4, 3.5], 2)).toBe(3.75);
    expect(applicationAverage([4, 3, 2], 2)).toBe(3);
  });
});
