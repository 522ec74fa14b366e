import { ValidateBy, ValidationOptions } from 'class-validator';
import { isDate, isMonth } from './domain/dates';

/** A real calendar date YYYY-MM-DD. */
export const IsBusinessDate = (opts?: ValidationOptions) =>
  ValidateBy({ name: 'isBusinessDate', validator: { validate: (v) => typeof v === 'string' && isDate(v), defaultMessage: (a) => `${a?.property} must be a date YYYY-MM-DD` } }, opts);

/** A month YYYY-MM. */
export const IsMonth = (opts?: ValidationOptions) =>
  ValidateBy({ name: 'isMonth', validator: { validate: (v) => typeof v === 'string' && isMonth(v), defaultMessage: (a) => `${a?.property} must be a month YYYY-MM` } }, opts);
