import {
  APPLICATION_SCORE_MAX,
  type ApplicationCriterion,
  type ApplicationQuestion,
  type ApplicationScore,
} from '@parcours/contracts';

/** One faulty field, as in ProblemDetails.errors. */
export interface ApplicationFieldError {
  path: string;
  message: string;
}

/** Longest answer when a question sets no limit. */
export const DEFAULT_ANSWER_MAX_LENGTH = 5000;

/**
 * Every problem of a founder's answers to a programme's questions: a required question left
 * blank, a key the form does not ask, an answer too long. Empty when the answers are acceptable.
 */
export function answerErrors(
  questions: readonly ApplicationQuestion[],
  answers: Readonly<Record<string, unknown>>,
): ApplicationFieldError[] {
  const errors: ApplicationFieldError[] = [];
  const known = new Set(questions.map((question) => question.key));
  for (const key of Object.keys(answers)) {
    if (!known.has(key))
      errors.push({ path: `answers.${key}`, message: 'not a question of this form' });
  }
  for (const question of questions) {
    const answer = answers[question.key];
    const path = `answers.${question.key}`;
    if (answer === undefined || answer === null) {
      if (question.required) errors.push({ path, message: 'this question needs an answer' });
      continue;
    }
    if (typeof answer !== 'string') {
      errors.push({ path, message: 'must be text' });
      continue;
    }
    if (question.required && answer.trim() === '') {
      errors.push({ path, message: 'this question needs an answer' });
    }
    const max = question.maxLength ?? DEFAULT_ANSWER_MAX_LENGTH;
    if (answer.length > max) errors.push({ path, message: `at most ${max} characters` });
  }
  return errors;
}

/**
 * Every problem of a review's scores: each criterion scored exactly once, with a whole number
 * from 0 to APPLICATION_SCORE_MAX, and nothing else scored.
 */
export function scoreErrors(
  criteria: readonly ApplicationCriterion[],
  scores: readonly ApplicationScore[],
): ApplicationFieldError[] {
  const errors: ApplicationFieldError[] = [];
  const known = new Set(criteria.map((criterion) => criterion.key));
  const seen = new Set<string>();
  scores.forEach((entry, index) => {
    const path = `scores.${index}`;
    if (!known.has(entry.criterion)) {
      errors.push({ path: `${path}.criterion`, message: 'not a criterion of this programme' });
    } else if (seen.has(entry.criterion)) {
      errors.push({ path: `${path}.criterion`, message: 'scored twice' });
    }
    seen.add(entry.criterion);
    if (!Number.isInteger(entry.score) || entry.score < 0 || entry.score > APPLICATION_SCORE_MAX) {
      errors.push({
        path: `${path}.score`,
        message: `a whole number from 0 to ${APPLICATION_SCORE_MAX}`,
      });
    }
  });
  for (const criterion of criteria) {
    if (!seen.has(criterion.key)) {
      errors.push({ path: 'scores', message: `criterion "${criterion.key}" is not scored` });
    }
  }
  return errors;
}

/** A review's weighted mean: Σ weight × score / Σ weight, on the 0..APPLICATION_SCORE_MAX scale. */
export function weightedScore(
  criteria: readonly ApplicationCriterion[],
  scores: readonly ApplicationScore[],
): number {
  const byKey = new Map(scores.map((entry) => [entry.criterion, entry.score]));
  let weights = 0;
  let total = 0;
  for (const criterion of criteria) {
    const score = byKey.get(criterion.key);
    if (score === undefined) continue;
    weights += criterion.weight;
    total += criterion.weight * score;
  }
  return weights === 0 ? 0 : roundScore(total / weights);
}

/**
 * The application's average: the mean of its reviews' weighted scores, known only once the
 * programme's required number of reviews is in (an early average would sway the last reviewers).
 */
export function applicationAverage(
  reviewWeightedScores: readonly number[],
  reviewersRequired: number,
): number | null {
  if (reviewWeightedScores.length === 0 || reviewWeightedScores.length < reviewersRequired) {
    return null;
  }
  const sum = reviewWeightedScores.reduce((total, score) => total + score, 0);
  return roundScore(sum / reviewWeightedScores.length);
}

/** Three decimals: enough to rank, stable across the database and JavaScript. */
const roundScore = (value: number) => Math.round(value * 1000) / 1000;
