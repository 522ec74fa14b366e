import { ValidateBy, ValidationOptions } from 'class-validator';
import { isIsoDate, isMonth } from './dates';

/** A real calendar date written YYYY-MM-DD. */
export const IsBusinessDate = (options?: ValidationOptions) =>
  ValidateBy({ name: 'isBusinessDate', validator: { validate: (v) => isIsoDate(v), defaultMessage: (a) => `${a?.property} must be a YYYY-MM-DD date` } }, options);

/** A month written YYYY-MM. */
export const IsMonth = (options?: ValidationOptions) =>
  ValidateBy({ name: 'isMonth', validator: { validate: (v) => isMonth(v), defaultMessage: (a) => `${a?.property} must be a YYYY-MM month` } }, options);
