import type { ErrorStateMatcher } from '@angular/material/core';

/**
 * Material's error state for each field of a form, driven by the paths the last check named
 * (`invalid`), rather than by Angular's own validity: a form emptied after a success would
 * otherwise show every required field in error. One matcher per path, made once, so that the
 * template's `[errorStateMatcher]="errorState('seats')"` binding stays the same object.
 */
export function fieldErrorStates(
  invalid: () => ReadonlySet<string>,
): (path: string) => ErrorStateMatcher {
  const matchers = new Map<string, ErrorStateMatcher>();
  return (path) => {
    let matcher = matchers.get(path);
    if (!matcher) {
      matcher = { isErrorState: () => invalid().has(path) };
      matchers.set(path, matcher);
    }
    return matcher;
  };
}
