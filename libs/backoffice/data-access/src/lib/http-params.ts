import { HttpParams } from '@angular/common/http';

type QueryValue = string | number | null | undefined;

/** Leaves out empty values so that "no filter" never reaches the API as `territory=`. */
export function toHttpParams(query: Readonly<Record<string, QueryValue>>): HttpParams {
  let params = new HttpParams();
  for (const [name, value] of Object.entries(query)) {
    if (value === null || value === undefined || value === '') continue;
    params = params.set(name, String(value));
  }
  return params;
}
