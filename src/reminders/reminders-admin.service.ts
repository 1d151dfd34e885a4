import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { Actor } from '../auth/actor.js';
import { AuditService } from '../audit/audit.service.js';
import { FormValidationException, NotFoundError } from '../common/errors/app-exceptions.js';
import type { Language } from '../common/i18n/language.js';
import { translate } from '../common/i18n/i18n.js';
import { pageRequest, pageView } from '../common/pagination.js';
import { optionalChoiceFilter, optionalIdFilter } from '../common/query-filters.js';
import { isUuid } from '../common/params.js';
import { Sql } from '../database/sql.js';
import { MunicipalityChoice } from '../municipalities/municipality-choice.js';
import { municipalityScopeOf, scopeParam } from '../municipalities/municipality-scope.js';
import type { AnnouncementDto, HolidayDto } from './dto/admin.dto.js';
import { AUDIENCES, COMMUNITIES } from './dto/admin.dto.js';
import { DIGEST_KIND, PREFERENCE_KINDS } from './finders.js';
import { RemindersRepository } from './reminders.repository.js';

const STATUSES = ['pending', 'sending', 'sent', 'in_app', 'held', 'digested', 'skipped', 'failed'] as const;
const LOG_KINDS = [...PREFERENCE_KINDS, DIGEST_KIND, 'account.passwordReset', 'account.invite'];

function isRealDay(day: string): boolean {
  const d = new Date(`${day}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === day;
}

/**
 * A department admin's side of reminders, for the cities they administer (a network admin: any):
 * the log of what was sent to whom, the city's holidays (quiet days) and one-off announcements.
 * The log shows kinds, people and outcomes, never a message's text.
 */
@Injectable()
export class RemindersAdminService {
  constructor(
    private readonly sql: Sql,
    private readonly reminders: RemindersRepository,
    private readonly choice: MunicipalityChoice,
    private readonly audit: AuditService,
  ) {}

  /** The city a page is about: the one asked for (when the actor administers it), else their only one. */
  private async city(actor: Actor, raw: unknown, lang: Language) {
    const options = await this.choice.options(actor, lang);
    const asked = optionalIdFilter(raw, 'notFound');
    const city = asked ? options.find((o) => o.id === asked) : options.length === 1 ? options[0] : undefined;
    if (asked && !city) throw new NotFoundError();
    return { city, options: options.map((o) => ({ ...o, selected: o.id === city?.id })), choosesMunicipality: options.length > 1 };
  }

  async logPage(actor: Actor, query: Record<string, unknown>, lang: Language) {
    const { city, options, choosesMunicipality } = await this.city(actor, query.municipality, lang);
    const status = optionalChoiceFilter(query.status, STATUSES) ?? null;
    const kind = optionalChoiceFilter(query.kind, LOG_KINDS) ?? null;
    const request = pageRequest(query.page);
    const { items, total } = city ? await this.reminders.logPage(city.id, status, kind, request) : { items: [], total: 0 };
    const rows = items.map((r) => ({ ...r, kindLabel: translate(lang, `reminders.log.kinds.${r.kind.replace(/\./g, '_')}`), failed: r.status === 'failed' }));
    const filterQuery = { municipality: choosesMunicipality ? city?.id : undefined, status: status ?? undefined, kind: kind ?? undefined };
    return {
      city,
      cityOptions: options,
      choosesMunicipality,
      items: rows,
      page: pageView(rows, total, request, '/reminders/log', filterQuery),
      isEmpty: total === 0,
      values: { status: status ?? '', kind: kind ?? '' },
      statusOptions: STATUSES.map((value) => ({ value, label: translate(lang, `reminders.log.statuses.${value}`) })),
      kindOptions: LOG_KINDS.map((value) => ({ value, label: translate(lang, `reminders.log.kinds.${value.replace(/\./g, '_')}`) })),
      filtered: Boolean(status || kind),
      cityQuery: city && choosesMunicipality ? `?municipality=${city.id}` : '',
    };
  }

  async holidaysPage(actor: Actor, rawCity: unknown, lang: Language) {
    const { city, options, choosesMunicipality } = await this.city(actor, rawCity, lang);
    const holidays = city ? await this.reminders.holidays(city.id) : [];
    return {
      city,
      cityOptions: options,
      choosesMunicipality,
      holidays,
      isEmpty: holidays.length === 0,
      communities: COMMUNITIES,
      values: { community: 'all', municipality: city?.id ?? '' },
      cityQuery: city && choosesMunicipality ? `?municipality=${city.id}` : '',
    };
  }

  async addHoliday(actor: Actor, dto: HolidayDto, ip: string | undefined, lang: Language): Promise<string> {
    const municipalityId = await this.choice.resolve(actor, dto.municipality || undefined, lang);
    if (!isRealDay(dto.day)) throw FormValidationException.field('day', 'validation.date');
    await this.sql.transaction(async () => {
      const added = await this.reminders.addHoliday(municipalityId, dto.day, dto.name, dto.community);
      if (!added) throw FormValidationException.field('day', 'reminders.holidays.duplicate');
      await this.audit.record({ actorId: actor.id, municipalityId, action: 'reminders.holiday_added', subjectType: 'municipality', subjectId: municipalityId, ip, details: { day: dto.day } });
    });
    return municipalityId;
  }

  async holidayToDelete(actor: Actor, id: string) {
    const holiday = isUuid(id) ? await this.reminders.findHoliday(id, scopeParam(municipalityScopeOf(actor))) : undefined;
    if (!holiday) throw new NotFoundError();
    return { holiday, cityQuery: `?municipality=${holiday.municipalityId}` };
  }

  async deleteHoliday(actor: Actor, id: string, ip: string | undefined): Promise<string> {
    const { holiday } = await this.holidayToDelete(actor, id);
    const cityId = holiday.municipalityId;
    await this.sql.transaction(async () => {
      const gone = await this.reminders.deleteHoliday(id, cityId);
      if (!gone) throw new NotFoundError();
      await this.audit.record({ actorId: actor.id, municipalityId: cityId, action: 'reminders.holiday_removed', subjectType: 'municipality', subjectId: cityId, ip, details: { day: gone.day } });
    });
    return cityId;
  }

  async announcementForm(actor: Actor, lang: Language) {
    return { ...(await this.choice.formModel(actor, lang)), audiences: AUDIENCES };
  }

  /** Queues the announcement for every person of the audience; the next pass sends it (urgent: at once, also in quiet hours). */
  async announce(actor: Actor, dto: AnnouncementDto, ip: string | undefined, lang: Language): Promise<number> {
    const municipalityId = await this.choice.resolve(actor, dto.municipality || undefined, lang);
    const id = randomUUID();
    const urgent = dto.urgent === 'yes';
    return this.sql.transaction(async () => {
      const count = await this.reminders.enqueueAnnouncement(municipalityId, dto.audience, id, new Date(), urgent, { title: dto.title, message: dto.message });
      await this.audit.record({
        actorId: actor.id,
        municipalityId,
        action: 'reminders.announcement_sent',
        subjectType: 'municipality',
        subjectId: municipalityId,
        ip,
        details: { audience: dto.audience, urgent, recipients: count },
      });
      return count;
    });
  }
}
