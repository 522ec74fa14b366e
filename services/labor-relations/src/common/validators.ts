import { registerDecorator, ValidationOptions } from 'class-validator';
import { isIsoDate } from '../calendar/domain/dates';

/** A calendar date `YYYY-MM-DD` that exists (2026-02-30 is refused). */
export function IsIsoDate(options?: ValidationOptions): PropertyDecorator {
  return (target: object, propertyName: string | symbol) =>
    registerDecorator({
      name: 'isIsoDate',
      target: target.constructor,
      propertyName: propertyName as string,
      options: { message: `${String(propertyName)} must be a date YYYY-MM-DD`, ...options },
      validator: { validate: (value: unknown) => isIsoDate(value) },
    });
}
