import { ApiError, type FieldError } from './errors.ts';

/** Where `value` holds a string with U+0000, which PostgreSQL text and jsonb cannot store. */
function nulCharacterErrors(value: unknown, loc: Array<string | number>): FieldError[] {
  if (typeof value === 'string') {
    return value.includes('\u0000')
      ? [{ loc, msg: 'must not contain the NUL character (U+0000)', type: 'nul_character' }]
      : [];
  }
  if (Array.isArray(value)) return value.flatMap((item, index) => nulCharacterErrors(item, [...loc, index]));
  if (value !== null && typeof value === 'object') {
    return Object.entries(value).flatMap(([key, item]) => [
      ...nulCharacterErrors(key, loc),
      ...nulCharacterErrors(item, [...loc, key]),
    ]);
  }
  return [];
}

/** A 422 for a body that would otherwise reach the database and fail there. */
export function refuseNulInBody(body: unknown): void {
  const errors = nulCharacterErrors(body, ['body']);
  if (errors.length > 0) throw new ApiError('body_validation_error', undefined, { errors });
}

export function refuseNulInParameters(parameters: Record<string, unknown>): void {
  const errors = Object.entries(parameters).flatMap(([location, values]) =>
    nulCharacterErrors(values, [location]),
  );
  if (errors.length > 0) throw new ApiError('validation_error', undefined, { errors });
}
