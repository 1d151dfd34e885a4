import { Injectable } from '@nestjs/common';
import { Sql } from '../database/sql.js';
import type { Actor } from '../auth/actor.js';
import { AuditService } from '../audit/audit.service.js';
import { ForbiddenError, FormValidationException, NotFoundError } from '../common/errors/app-exceptions.js';
import type { Language } from '../common/i18n/language.js';
import type { MunicipalityDto } from './dto/municipality.dto.js';
import { mayActOnMunicipalities, type MunicipalityAction } from './municipalities.policy.js';
import { type MunicipalityFields, type MunicipalityRecord, MunicipalitiesRepository } from './municipalities.repository.js';
import { DEFAULT_QUIET_HOURS, type QuietHours } from './quiet-hours.js';

/** The form's flat fields, as the edit page shows them. */
export type MunicipalityFormValues = Record<keyof MunicipalityDto, string>;

export function formValuesOf(m: Pick<MunicipalityRecord, 'nameHe' | 'nameAr' | 'nameEn' | 'timeZone' | 'locale' | 'quietHours'>): MunicipalityFormValues {
  const weekly = m.quietHours.weekly[0] ?? DEFAULT_QUIET_HOURS.weekly[0];
  return {
    nameHe: m.nameHe,
    nameAr: m.nameAr,
    nameEn: m.nameEn,
    timeZone: m.timeZone,
    locale: m.locale,
    nightFrom: m.quietHours.nightFrom,
    nightTo: m.quietHours.nightTo,
    weeklyFromDay: String(weekly.fromDay),
    weeklyFromTime: weekly.fromTime,
    weeklyToDay: String(weekly.toDay),
    weeklyToTime: weekly.toTime,
  };
}

export const NEW_MUNICIPALITY_VALUES: MunicipalityFormValues = formValuesOf({
  nameHe: '',
  nameAr: '',
  nameEn: '',
  timeZone: 'Asia/Jerusalem',
  locale: 'he',
  quietHours: DEFAULT_QUIET_HOURS,
});

/** The form edits one weekly window; any further ones (set by other means) are kept as they are. */
function fieldsOf(dto: MunicipalityDto, previous: QuietHours = DEFAULT_QUIET_HOURS): MunicipalityFields {
  return {
    nameHe: dto.nameHe,
    nameAr: dto.nameAr,
    nameEn: dto.nameEn,
    timeZone: dto.timeZone,
    locale: dto.locale as Language,
    quietHours: {
      nightFrom: dto.nightFrom,
      nightTo: dto.nightTo,
      weekly: [
        { fromDay: Number(dto.weeklyFromDay), fromTime: dto.weeklyFromTime, toDay: Number(dto.weeklyToDay), toTime: dto.weeklyToTime },
        ...previous.weekly.slice(1),
      ],
    },
  };
}

/** A unique index refused the row: the form says which field, instead of a 500. */
export function isUniqueViolation(error: unknown, constraint: string): boolean {
  const e = error as { code?: string; constraint?: string; driverError?: { code?: string; constraint?: string } };
  const code = e.driverError?.code ?? e.code;
  return code === '23505' && (e.driverError?.constraint ?? e.constraint) === constraint;
}

@Injectable()
export class MunicipalitiesService {
  constructor(
    private readonly sql: Sql,
    private readonly municipalities: MunicipalitiesRepository,
    private readonly audit: AuditService,
  ) {}

  private check(actor: Actor, action: MunicipalityAction): void {
    if (!mayActOnMunicipalities(actor, action)) throw new ForbiddenError();
  }

  async list(actor: Actor, lang: Language) {
    this.check(actor, 'list');
    return this.municipalities.listWithCounts(lang);
  }

  async details(actor: Actor, id: string, lang: Language) {
    this.check(actor, 'view');
    const municipality = await this.municipalities.findById(id, lang);
    if (!municipality) throw new NotFoundError();
    const weekly = municipality.quietHours.weekly;
    return { municipality, weekly, schools: await this.municipalities.listSchoolsOf(id) };
  }

  async formValues(actor: Actor, id: string, lang: Language): Promise<MunicipalityFormValues> {
    this.check(actor, 'update');
    const municipality = await this.municipalities.findById(id, lang);
    if (!municipality) throw new NotFoundError();
    return formValuesOf(municipality);
  }

  async create(actor: Actor, dto: MunicipalityDto, ip: string | undefined): Promise<string> {
    this.check(actor, 'create');
    const fields = fieldsOf(dto);
    try {
      return await this.sql.transaction(async (m) => {
        const networkId = await this.municipalities.findOrCreateNetwork(m);
        const id = await this.municipalities.insert(m, networkId, fields);
        await this.audit.record(
          {
            actorId: actor.id,
            municipalityId: id,
            action: 'municipality.created',
            subjectType: 'municipality',
            subjectId: id,
            ip,
            details: { nameEn: fields.nameEn },
          },
          m,
        );
        return id;
      });
    } catch (error) {
      if (isUniqueViolation(error, 'municipality_name_en_key')) throw FormValidationException.field('nameEn', 'municipalities.errors.nameTaken', {}, 409);
      throw error;
    }
  }

  async update(actor: Actor, id: string, dto: MunicipalityDto, ip: string | undefined): Promise<void> {
    this.check(actor, 'update');
    try {
      await this.sql.transaction(async (m) => {
        const previous = await this.municipalities.lockQuietHours(m, id);
        if (!previous) throw new NotFoundError();
        await this.municipalities.update(m, id, fieldsOf(dto, previous));
        await this.audit.record(
          {
            actorId: actor.id,
            municipalityId: id,
            action: 'municipality.updated',
            subjectType: 'municipality',
            subjectId: id,
            ip,
            details: { fields: Object.keys(dto) },
          },
          m,
        );
      });
    } catch (error) {
      if (isUniqueViolation(error, 'municipality_name_en_key')) throw FormValidationException.field('nameEn', 'municipalities.errors.nameTaken', {}, 409);
      throw error;
    }
  }
}
