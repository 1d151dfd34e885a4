import { Injectable } from '@nestjs/common';
import { isUniqueViolation, Sql } from '../database/sql.js';
import type { Actor } from '../auth/actor.js';
import { AuditService } from '../audit/audit.service.js';
import { ForbiddenError, FormValidationException, NotFoundError } from '../common/errors/app-exceptions.js';
import { LANGUAGES, type Language } from '../common/i18n/language.js';
import type { MunicipalityDto, NetworkSecurityDto } from './dto/municipality.dto.js';
import { mayActOnMunicipalities, type MunicipalityAction } from './municipalities.policy.js';
import { type MunicipalityFields, MunicipalitiesRepository } from './municipalities.repository.js';
import { DEFAULT_QUIET_HOURS, type QuietHours } from './quiet-hours.js';

/** The form's flat fields, as the edit page shows them. */
type MunicipalityFormValues = Record<keyof MunicipalityDto, string>;

function formValuesOf(m: MunicipalityFields): MunicipalityFormValues {
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
    requireTwoFactor: m.requireTwoFactor ? 'yes' : '',
  };
}

const NEW_MUNICIPALITY_VALUES: MunicipalityFormValues = formValuesOf({
  nameHe: '',
  nameAr: '',
  nameEn: '',
  timeZone: 'Asia/Jerusalem',
  locale: 'he',
  quietHours: DEFAULT_QUIET_HOURS,
  // Secure by default: a new city asks its department admins for two-factor sign-in.
  requireTwoFactor: true,
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
    requireTwoFactor: dto.requireTwoFactor === 'yes',
  };
}

const DAYS = [0, 1, 2, 3, 4, 5, 6];
const TIME_ZONES = Intl.supportedValuesOf('timeZone');

/** What the form needs besides the values: the new form when no id is given. */
function formOptions(editing?: string) {
  return {
    editing,
    action: editing ? `/municipalities/${editing}` : '/municipalities',
    cancelHref: editing ? `/municipalities/${editing}` : '/municipalities',
    days: DAYS.map((day) => ({ value: String(day), labelKey: `municipalities.days.${day}` })),
    locales: LANGUAGES.map((code) => ({ value: code, labelKey: `languages.${code}` })),
    timeZones: TIME_ZONES,
  };
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

  async listPage(actor: Actor, lang: Language) {
    this.check(actor, 'list');
    const [items, network] = await Promise.all([this.municipalities.listWithCounts(lang), this.municipalities.findNetwork()]);
    return { items, isEmpty: items.length === 0, network };
  }

  /** What the list of municipalities is shown again with when the network's form is refused. */
  async listPageModel(actor: Actor, lang: Language) {
    const page = await this.listPage(actor, lang);
    return { ...page, values: { requireTwoFactor: page.network?.requireTwoFactor ? 'yes' : '' } };
  }

  /** Whether network admins must use two-factor sign-in; audited as a security setting. */
  async updateNetworkSecurity(actor: Actor, dto: NetworkSecurityDto, ip: string | undefined): Promise<void> {
    this.check(actor, 'update');
    const requireTwoFactor = dto.requireTwoFactor === 'yes';
    await this.sql.transaction(async () => {
      const network = await this.municipalities.findNetwork();
      if (!network) throw new NotFoundError();
      await this.municipalities.updateNetworkSecurity(network.id, requireTwoFactor);
      await this.audit.record({
        actorId: actor.id,
        action: 'network.security_updated',
        subjectType: 'network',
        subjectId: network.id,
        ip,
        details: { requireTwoFactor },
      });
    });
  }

  async showPage(actor: Actor, id: string, lang: Language) {
    this.check(actor, 'view');
    const [municipality, schools] = await Promise.all([this.municipalities.findById(id, lang), this.municipalities.listSchoolsOf(id)]);
    if (!municipality) throw new NotFoundError();
    return {
      municipality,
      weekly: municipality.quietHours.weekly.map((w) => ({ ...w, fromDayKey: `municipalities.days.${w.fromDay}`, toDayKey: `municipalities.days.${w.toDay}` })),
      schools,
      hasSchools: schools.length > 0,
    };
  }

  newForm(actor: Actor) {
    this.check(actor, 'create');
    return { ...formOptions(), values: NEW_MUNICIPALITY_VALUES };
  }

  newFormModel() {
    return formOptions();
  }

  async editForm(actor: Actor, id: string, lang: Language) {
    this.check(actor, 'update');
    const municipality = await this.municipalities.findById(id, lang);
    if (!municipality) throw new NotFoundError();
    return { ...formOptions(id), values: formValuesOf(municipality) };
  }

  editFormModel(id: string) {
    return formOptions(id);
  }

  async create(actor: Actor, dto: MunicipalityDto, ip: string | undefined): Promise<string> {
    this.check(actor, 'create');
    const fields = fieldsOf(dto);
    try {
      return await this.sql.transaction(async () => {
        const networkId = await this.municipalities.findOrCreateNetwork();
        const id = await this.municipalities.insert(networkId, fields);
        await this.audit.record({
          actorId: actor.id,
          municipalityId: id,
          action: 'municipality.created',
          subjectType: 'municipality',
          subjectId: id,
          ip,
          details: { nameEn: fields.nameEn, requireTwoFactor: fields.requireTwoFactor },
        });
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
      await this.sql.transaction(async () => {
        const previous = await this.municipalities.lockQuietHours(id);
        if (!previous) throw new NotFoundError();
        const fields = fieldsOf(dto, previous);
        await this.municipalities.update(id, fields);
        await this.audit.record({
          actorId: actor.id,
          municipalityId: id,
          action: 'municipality.updated',
          subjectType: 'municipality',
          subjectId: id,
          ip,
          details: { fields: Object.keys(dto), requireTwoFactor: fields.requireTwoFactor },
        });
      });
    } catch (error) {
      if (isUniqueViolation(error, 'municipality_name_en_key')) throw FormValidationException.field('nameEn', 'municipalities.errors.nameTaken', {}, 409);
      throw error;
    }
  }
}
