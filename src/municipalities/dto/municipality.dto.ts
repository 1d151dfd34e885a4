import { IsIn, IsNotEmpty, IsOptional, IsString, Matches, MaxLength, registerDecorator, type ValidationOptions } from 'class-validator';
import { LANGUAGES } from '../../common/i18n/language.js';
import { Trim } from './trim.js';

const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;
const DAYS = ['0', '1', '2', '3', '4', '5', '6'];
const TIME_ZONES = new Set(Intl.supportedValuesOf('timeZone'));

/** A time zone this runtime knows by name (the list Intl gives), e.g. Asia/Jerusalem. */
function IsKnownTimeZone(options?: ValidationOptions) {
  return (object: object, propertyName: string) =>
    registerDecorator({
      name: 'isTimeZone',
      target: object.constructor,
      propertyName,
      options,
      validator: { validate: (value: unknown) => typeof value === 'string' && TIME_ZONES.has(value) },
    });
}

export class MunicipalityDto {
  @Trim() @IsString() @IsNotEmpty() @MaxLength(200) nameHe: string;
  @Trim() @IsString() @IsNotEmpty() @MaxLength(200) nameAr: string;
  @Trim() @IsString() @IsNotEmpty() @MaxLength(200) nameEn: string;
  @Trim() @IsKnownTimeZone() timeZone: string;
  @IsIn(LANGUAGES) locale: string;
  @Matches(TIME) nightFrom: string;
  @Matches(TIME) nightTo: string;
  @IsIn(DAYS) weeklyFromDay: string;
  @Matches(TIME) weeklyFromTime: string;
  @IsIn(DAYS) weeklyToDay: string;
  @Matches(TIME) weeklyToTime: string;
  /** The checkbox "department admins must use two-factor sign-in": present when ticked. */
  @IsOptional() @IsIn(['yes']) requireTwoFactor?: string;
}

/** The network's own security setting, edited on the list of municipalities. */
export class NetworkSecurityDto {
  /** The checkbox "network admins must use two-factor sign-in": present when ticked. */
  @IsOptional() @IsIn(['yes']) requireTwoFactor?: string;
}
