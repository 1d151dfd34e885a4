import { Injectable } from '@nestjs/common';
import type { Actor } from '../auth/actor.js';
import { NotFoundError } from '../common/errors/app-exceptions.js';
import type { Language } from '../common/i18n/language.js';
import { translate } from '../common/i18n/i18n.js';
import { pageRequest, pageView } from '../common/pagination.js';
import { type NewNotification, NotificationsRepository } from './notifications.repository.js';

/** Notification ids are bigint identities: digits only, and never more than a bigint holds. */
export function isNotificationId(value: unknown): value is string {
  return typeof value === 'string' && /^[1-9]\d{0,17}$/.test(value);
}

/**
 * The notification centre: features tell people things with `notify`, inside the transaction of
 * the change that caused them (so a rolled-back change tells nobody). Each person reads only their
 * own; the message is rendered in the reader's language when they read it.
 */
@Injectable()
export class NotificationsService {
  constructor(private readonly notifications: NotificationsRepository) {}

  async notify(...entries: NewNotification[]): Promise<void> {
    await this.notifications.insertMany(entries);
  }

  async page(actor: Actor, rawPage: unknown, lang: Language) {
    const request = pageRequest(rawPage);
    const { items, total } = await this.notifications.findPageForRecipient(actor.id, request);
    const rows = items.map((n) => ({
      id: n.id,
      message: translate(lang, `notifications.kinds.${n.kind}`, n.vars),
      createdAt: n.createdAt,
      unread: n.readAt === null,
      hasLink: Boolean(n.link),
    }));
    return { items: rows, page: pageView(rows, total, request, '/notifications'), isEmpty: total === 0, hasUnread: rows.some((r) => r.unread) };
  }

  /** Marks it read and returns where it leads (the list itself when it leads nowhere). */
  async open(actor: Actor, id: string): Promise<string> {
    if (!isNotificationId(id)) throw new NotFoundError();
    const found = await this.notifications.findLink(id, actor.id);
    if (!found) throw new NotFoundError();
    await this.notifications.markRead(id, actor.id);
    return found.link ?? '/notifications';
  }

  async markRead(actor: Actor, id: string): Promise<void> {
    if (!isNotificationId(id)) throw new NotFoundError();
    if (!(await this.notifications.findLink(id, actor.id))) throw new NotFoundError();
    await this.notifications.markRead(id, actor.id);
  }

  async markAllRead(actor: Actor): Promise<number> {
    return this.notifications.markAllRead(actor.id);
  }
}
