import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { isolate } from '../common/i18n/bidi.js';
import { translate } from '../common/i18n/i18n.js';
import type { Language } from '../common/i18n/language.js';
import { LOCALE_TAGS } from '../common/views/view-engine.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import type { OutgoingMail } from '../notifications/mail.service.js';
import { DEPARTMENT_MONTHLY_KIND, MENTOR_WEEKLY_KIND } from './finders.js';
import { summaryMail, type SummarySection } from './reminder-mail.js';
import { RemindersEngine } from './reminders.engine.js';
import type { ClaimedReminder } from './reminders.repository.js';
import { SummariesRepository } from './summaries.repository.js';

/** The calendar month before `occasion` (YYYY-MM), named in the language: "November 2026". */
export function previousMonthName(occasion: string, language: Language): string {
  const [year, month] = occasion.split('-').map(Number);
  return new Intl.DateTimeFormat(`${LOCALE_TAGS[language]}-u-nu-latn`, { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(
    new Date(Date.UTC(year, month - 2, 1)),
  );
}

/**
 * The summaries whose e-mail is composed when sent, from the figures at that moment: a mentor's
 * weekly summary (work waiting for their review, mentees at risk: names of their own mentees and
 * figures, never what anyone wrote) and a department admin's monthly summary of the city's running
 * cohorts (figures only). Found by `MENTOR_WEEKLY_SUMMARY` and `DEPARTMENT_MONTHLY_SUMMARY`;
 * nothing left to report when sent: nothing is sent.
 */
@Injectable()
export class ReminderSummaries implements OnModuleInit {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly summaries: SummariesRepository,
    private readonly engine: RemindersEngine,
  ) {}

  onModuleInit(): void {
    this.engine.registerComposer(MENTOR_WEEKLY_KIND, (r, at) => this.mentorWeekly(r, at));
    this.engine.registerComposer(DEPARTMENT_MONTHLY_KIND, (r, at) => this.departmentMonthly(r, at));
  }

  private person(r: ClaimedReminder) {
    return { to: r.email, recipientId: r.recipientId, displayName: r.displayName, language: r.language };
  }

  async mentorWeekly(r: ClaimedReminder, at: Date): Promise<OutgoingMail | undefined> {
    const lang = r.language;
    const lines = await this.summaries.mentorReport(r.recipientId, at, lang);
    const waiting = lines.filter((l) => l.what === 'waiting');
    const atRisk = lines.filter((l) => l.what === 'at_risk');
    const risky = new Set(atRisk.map((l) => l.teacher));
    if (waiting.length === 0 && atRisk.length === 0) return undefined;
    const t = (key: string, vars: Record<string, unknown> = {}) => translate(lang, `reminders.summaries.mentor.${key}`, vars);
    const sections: SummarySection[] = [];
    if (waiting.length > 0) {
      sections.push({
        heading: t('waitingHeading', { count: waiting.length }),
        lines: waiting.map((l) => ({
          text: t('waitingLine', { teacher: isolate(l.teacher), module: isolate(l.module ?? ''), cohort: isolate(l.cohort), days: l.days ?? 0 }),
          link: l.link,
        })),
      });
    }
    if (atRisk.length > 0) {
      sections.push({
        heading: t('atRiskHeading', { count: risky.size }),
        lines: atRisk.map((l) => ({
          text: t('atRiskLine', {
            teacher: isolate(l.teacher),
            cohort: isolate(l.cohort),
            reasons: new Intl.ListFormat(LOCALE_TAGS[lang], { type: 'conjunction' }).format(
              (l.reasons ?? []).map((reason) => translate(lang, `cohortReports.reasons.${reason}`)),
            ),
          }),
        })),
      });
    }
    return summaryMail(this.config, this.person(r), {
      subject: translate(lang, `reminders.kinds.${MENTOR_WEEKLY_KIND}.subject`, { waiting: waiting.length, atRisk: risky.size }),
      intro: t('intro'),
      sections,
      link: '/reviews',
      linkLabel: t('open'),
    });
  }

  async departmentMonthly(r: ClaimedReminder, at: Date): Promise<OutgoingMail | undefined> {
    const lang = r.language;
    const cohorts = await this.summaries.cityCohortsSummary(r.subject, at);
    if (cohorts.length === 0) return undefined;
    const month = previousMonthName(r.occasion, lang);
    const t = (key: string, vars: Record<string, unknown> = {}) => translate(lang, `reminders.summaries.department.${key}`, vars);
    return summaryMail(this.config, this.person(r), {
      subject: translate(lang, `reminders.kinds.${DEPARTMENT_MONTHLY_KIND}.subject`, { month }),
      intro: t('intro', { count: cohorts.length }),
      sections: cohorts.map((c) => ({
        heading: c.name,
        headingIsName: true,
        link: `/cohorts/${c.cohortId}`,
        lines: [
          { text: t('teachers', { count: c.teachers }) },
          { text: t('approved', { approved: c.approved, required: c.required }) },
          { text: t('atRisk', { count: c.atRisk }) },
          { text: t('sessions', { count: c.sessions, month }) },
        ],
      })),
      link: '/cohorts',
      linkLabel: t('open'),
    });
  }
}
