import { ParseUUIDPipe, ValidationPipe, type ValidationError } from '@nestjs/common';
import { validationProblem, type ProblemFieldError } from './problem';

/** Flattens class-validator's error tree into one entry per failing field path. */
export function flattenValidationErrors(
  errors: ValidationError[],
  parentPath = '',
): ProblemFieldError[] {
  return errors.flatMap((error) => {
    const path = parentPath ? `${parentPath}.${error.property}` : error.property;
    const own = Object.values(error.constraints ?? {}).map((message) => ({
      path,
      message: message.replace(/^property (\S+) should not exist$/, 'unknown property'),
    }));
    return [...own, ...flattenValidationErrors(error.children ?? [], path)];
  });
}

/**
 * The one validation pipe of the API: unknown properties are refused, values are converted to
 * their declared types, and every failing field is named in the problem+json answer.
 */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    forbidUnknownValues: true,
    transform: true,
    transformOptions: { enableImplicitConversion: false },
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => validationProblem(flattenValidationErrors(errors)),
  });
}

/** A path parameter that must be a UUID; anything else is a 400 naming the parameter. */
export const UuidParam = (name: string) =>
  new ParseUUIDPipe({
    exceptionFactory: () => validationProblem([{ path: name, message: 'must be a UUID' }]),
  });
