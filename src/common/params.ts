import { Param, type PipeTransform } from '@nestjs/common';
import { NotFoundError } from './errors/app-exceptions.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The one check that a value is a UUID (our ids): a string of exactly that shape, nothing more. */
export function isUuid(value: unknown): value is string {
  return typeof value === 'string' && UUID.test(value);
}

export class UuidOr404 implements PipeTransform<string, string> {
  transform(value: string): string {
    if (!isUuid(value)) throw new NotFoundError();
    return value.toLowerCase();
  }
}

/** A path id that must be a UUID; anything else is a page that does not exist (404), never a 500. */
export const UuidParam = (name: string) => Param(name, new UuidOr404());
