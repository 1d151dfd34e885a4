import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Language } from '../common/i18n/language.js';
import { RTL_LANGUAGES, translate } from '../common/i18n/i18n.js';
import type { AppConfig } from '../config/app-config.js';
import type { OutgoingMail } from '../notifications/mail.service.js';
import type { DigestItem, ReminderAttachment } from './reminders.repository.js';

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);
}

export function siteBase(config: AppConfig): string {
  return (config.publicUrl ?? `http://localhost:${config.port}`).replace(/\/+$/, '');
}

function mac(config: AppConfig, userId: string): string {
  return createHmac('sha256', config.sessionSecret).update(`reminder-preferences:${userId}`).digest('base64url');
}

/**
 * The token of a person's one-click preferences link: their id and a signature made with the
 * app's secret, so it works signed out and cannot be made for someone else. It does not expire
 * (a preferences link in an old e-mail must still work) and opens nothing but that page.
 */
export function preferencesToken(config: AppConfig, userId: string): string {
  return `${userId}.${mac(config, userId)}`;
}

/** The person the token was made for, when it is genuine. */
export function userOfPreferencesToken(config: AppConfig, token: string): string | undefined {
  const match = /^([0-9a-f-]{36})\.([A-Za-z0-9_-]{43})$/.exec(token);
  if (!match) return undefined;
  const expected = Buffer.from(mac(config, match[1]));
  const given = Buffer.from(match[2]);
  return expected.length === given.length && timingSafeEqual(expected, given) ? match[1] : undefined;
}

export interface ReminderMailInput {
  to: string;
  recipientId: string;
  displayName: string;
  language: Language;
  kind: string;
  vars: Record<string, string | number>;
  link: string | null;
  attachments?: ReminderAttachment[] | null;
}

function page(lang: Language, blocks: string[]): string {
  const dir = RTL_LANGUAGES.has(lang) ? 'rtl' : 'ltr';
  return [`<!doctype html><html lang="${lang}" dir="${dir}"><head><meta charset="utf-8"></head><body dir="${dir}" style="text-align:start">`, ...blocks, '</body></html>'].join('\n');
}

function footer(config: AppConfig, lang: Language, recipientId: string): { text: string[]; html: string[]; headers: Record<string, string> } {
  const prefs = `${siteBase(config)}/reminders/preferences/${preferencesToken(config, recipientId)}`;
  const why = translate(lang, 'reminders.mail.why');
  const change = translate(lang, 'reminders.mail.preferences');
  return {
    text: ['--', why, `${change}: ${prefs}`],
    html: ['<hr>', `<p>${escapeHtml(why)}</p>`, `<p><a href="${escapeHtml(prefs)}">${escapeHtml(change)}</a></p>`],
    headers: { 'List-Unsubscribe': `<${prefs}>` },
  };
}

/** One reminder as an e-mail in the recipient's language: HTML (right-to-left for he/ar) and plain text. */
export function reminderMail(config: AppConfig, m: ReminderMailInput): OutgoingMail {
  const lang = m.language;
  const vars = { name: m.displayName, ...m.vars };
  const subject = translate(lang, `reminders.kinds.${m.kind}.subject`, vars);
  const body = translate(lang, `reminders.kinds.${m.kind}.body`, vars);
  const greeting = translate(lang, 'reminders.mail.greeting', { name: m.displayName });
  const url = m.link ? `${siteBase(config)}${m.link}` : undefined;
  const open = translate(lang, 'reminders.mail.open');
  const foot = footer(config, lang, m.recipientId);
  return {
    to: m.to,
    subject,
    text: [greeting, body, ...(url ? [`${open}: ${url}`] : []), '', ...foot.text].join('\n\n') + '\n',
    html: page(lang, [
      `<p>${escapeHtml(greeting)}</p>`,
      `<p>${escapeHtml(body)}</p>`,
      ...(url ? [`<p><a href="${escapeHtml(url)}">${escapeHtml(open)}</a></p>`] : []),
      ...foot.html,
    ]),
    headers: foot.headers,
    attachments: m.attachments?.map((a) => ({ filename: a.filename, contentType: a.contentType, content: a.content })),
  };
}

/** A week's held reminders gathered into one message. */
export function digestMail(config: AppConfig, m: Omit<ReminderMailInput, 'kind' | 'vars' | 'link'>, items: DigestItem[]): OutgoingMail {
  const lang = m.language;
  const subject = translate(lang, 'reminders.digest.subject', { count: items.length });
  const greeting = translate(lang, 'reminders.mail.greeting', { name: m.displayName });
  const intro = translate(lang, 'reminders.digest.intro', { count: items.length });
  const lines = items.map((item) => ({
    text: translate(lang, `reminders.kinds.${item.kind}.body`, { name: m.displayName, ...item.vars }),
    url: item.link ? `${siteBase(config)}${item.link}` : undefined,
  }));
  const foot = footer(config, lang, m.recipientId);
  return {
    to: m.to,
    subject,
    text: [greeting, intro, ...lines.map((l) => `- ${l.text}${l.url ? `\n  ${l.url}` : ''}`), '', ...foot.text].join('\n\n') + '\n',
    html: page(lang, [
      `<p>${escapeHtml(greeting)}</p>`,
      `<p>${escapeHtml(intro)}</p>`,
      '<ul>',
      ...lines.map((l) => `<li>${escapeHtml(l.text)}${l.url ? ` <a href="${escapeHtml(l.url)}">${escapeHtml(translate(lang, 'reminders.mail.open'))}</a>` : ''}</li>`),
      '</ul>',
      ...foot.html,
    ]),
    headers: foot.headers,
  };
}

/** A part of a summary: a heading and its lines (already in the reader's language). */
export interface SummarySection {
  heading: string;
  /** The heading is someone's writing (a cohort's name): marked `dir="auto"`. */
  headingIsName?: boolean;
  /** The page the section is about. */
  link?: string;
  lines: { text: string; link?: string | null }[];
}

/**
 * A summary composed when sent (a mentor's week, a city's month): a subject, an introduction,
 * sections of lines, a link back; HTML (right-to-left for he/ar) and plain text, with the
 * preferences footer of every reminder.
 */
export function summaryMail(
  config: AppConfig,
  m: Omit<ReminderMailInput, 'kind' | 'vars' | 'link'>,
  s: { subject: string; intro: string; sections: SummarySection[]; link: string; linkLabel: string },
): OutgoingMail {
  const lang = m.language;
  const greeting = translate(lang, 'reminders.mail.greeting', { name: m.displayName });
  const url = `${siteBase(config)}${s.link}`;
  const open = translate(lang, 'reminders.mail.open');
  const foot = footer(config, lang, m.recipientId);
  const full = (link?: string | null) => (link ? `${siteBase(config)}${link}` : undefined);
  return {
    to: m.to,
    subject: s.subject,
    text:
      [
        greeting,
        s.intro,
        ...s.sections.map((section) =>
          [section.heading + (full(section.link) ? ` (${full(section.link)})` : ''), ...section.lines.map((l) => `- ${l.text}${full(l.link) ? `\n  ${full(l.link)}` : ''}`)].join('\n'),
        ),
        `${s.linkLabel}: ${url}`,
        '',
        ...foot.text,
      ].join('\n\n') + '\n',
    html: page(lang, [
      `<p>${escapeHtml(greeting)}</p>`,
      `<p>${escapeHtml(s.intro)}</p>`,
      ...s.sections.flatMap((section) => [
        `<h2 style="font-size:1.1em"${section.headingIsName ? ' dir="auto"' : ''}>${
          full(section.link) ? `<a href="${escapeHtml(full(section.link)!)}">${escapeHtml(section.heading)}</a>` : escapeHtml(section.heading)
        }</h2>`,
        '<ul>',
        ...section.lines.map((l) => `<li>${escapeHtml(l.text)}${full(l.link) ? ` <a href="${escapeHtml(full(l.link)!)}">${escapeHtml(open)}</a>` : ''}</li>`),
        '</ul>',
      ]),
      `<p><a href="${escapeHtml(url)}">${escapeHtml(s.linkLabel)}</a></p>`,
      ...foot.html,
    ]),
    headers: foot.headers,
  };
}
