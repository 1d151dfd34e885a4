import { ValidationPipe, type ValidationError } from '@nestjs/common';
import { BadRequestError, type FieldError, FormValidationException } from '../errors/app-exceptions.js';

const RULE_KEYS: Record<string, string> = {
  isNotEmpty: 'validation.required',
  isDefined: 'validation.required',
  isEmail: 'validation.email',
  maxLength: 'validation.maxLength',
  minLength: 'validation.minLength',
  isIn: 'validation.choice',
  isEnum: 'validation.choice',
  isUUID: 'validation.choice',
  isInt: 'validation.integer',
  min: 'validation.min',
  max: 'validation.max',
  isDateString: 'validation.date',
  isISO8601: 'validation.date',
  matches: 'validation.format',
  isTimeZone: 'validation.timeZone',
};

/** Checked first: a list or an object where text belongs is "not valid", not "too long". */
const PRESENCE_AND_TYPE_RULES = ['isDefined', 'isNotEmpty', 'isString', 'isInt', 'isNumber', 'isBoolean', 'isArray', 'isObject'];

function firstError(error: ValidationError): FieldError {
  const constraints = Object.entries(error.constraints ?? {});
  const [rule, message] = constraints.find(([name]) => PRESENCE_AND_TYPE_RULES.includes(name)) ?? constraints[0] ?? ['invalid', ''];
  const numbers = message.match(/\d+/g) ?? [];
  const key = (error.contexts?.[rule]?.messageKey as string | undefined) ?? RULE_KEYS[rule] ?? 'validation.invalid';
  return { key, vars: { max: numbers[0], min: numbers[0] } };
}

function flatten(errors: ValidationError[], prefix = ''): [string, FieldError][] {
  return errors.flatMap((error) => {
    const path = prefix ? `${prefix}.${error.property}` : error.property;
    const own: [string, FieldError][] = error.constraints ? [[path, firstError(error)]] : [];
    return [...own, ...flatten(error.children ?? [], path)];
  });
}

/**
 * Whitelisting with forbidNonWhitelisted: a field a form does not have (role, municipalityId...) is
 * refused outright rather than silently dropped, since only tampering sends one.
 */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    transformOptions: { enableImplicitConversion: false },
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => {
      if (errors.some((e) => e.constraints?.whitelistValidation)) {
        return new BadRequestError('errors.400.unexpectedField');
      }
      return new FormValidationException(Object.fromEntries(flatten(errors)));
    },
  });
}
