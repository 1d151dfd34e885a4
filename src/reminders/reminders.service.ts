import { Inject, Injectable } from '@nestjs/common';
import type { Actor } from '../auth/actor.js';
import { BadRequestError, NotFoundError } from '../common/errors/app-exceptions.js';
import type { Language } from '../common/i18n/language.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { PREFERENCE_KINDS } from './finders.js';
import { userOfPreferencesToken } from './reminder-mail.js';
import { type Channel, CHANNELS, RemindersRepository } from './reminders.repository.js';

export interface PreferencesPage {
  kinds: { kind: string; field: string; options: { channel: Channel; checked: boolean; id: string }[] }[];
  action: string;
  signedOut: boolean;
  displayName?: string;
}

/** People's choices per kind of reminder: on their profile, or signed out through the link in every reminder. */
@Injectable()
export class RemindersService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly reminders: RemindersRepository,
  ) {}

  async preferencesPage(actor: Actor): Promise<PreferencesPage> {
    return this.page(actor.id, '/profile/reminders', false);
  }

  async savePreferences(actor: Actor, channels: Record<string, unknown>): Promise<void> {
    await this.reminders.savePreferences(actor.id, this.choices(channels));
  }

  async preferencesPageForToken(token: string): Promise<PreferencesPage> {
    const user = await this.userOfToken(token);
    return { ...(await this.page(user.id, `/reminders/preferences/${token}`, true)), displayName: user.displayName };
  }

  async savePreferencesForToken(token: string, channels: Record<string, unknown>): Promise<void> {
    const user = await this.userOfToken(token);
    await this.reminders.savePreferences(user.id, this.choices(channels));
  }

  private async userOfToken(token: string): Promise<{ id: string; displayName: string; language: Language }> {
    const userId = userOfPreferencesToken(this.config, token);
    const user = userId ? await this.reminders.activeUser(userId) : undefined;
    if (!user) throw new NotFoundError();
    return user;
  }

  private async page(userId: string, action: string, signedOut: boolean): Promise<PreferencesPage> {
    const saved = await this.reminders.preferences(userId);
    return {
      action,
      signedOut,
      kinds: PREFERENCE_KINDS.map((kind) => {
        const current = saved.get(kind) ?? 'email';
        const field = kind.replace(/\./g, '-');
        return { kind, field, options: CHANNELS.map((channel) => ({ channel, checked: channel === current, id: `${field}-${channel}` })) };
      }),
    };
  }

  private choices(channels: Record<string, unknown>): [string, Channel][] {
    const result: [string, Channel][] = [];
    for (const [kind, channel] of Object.entries(channels)) {
      if (!PREFERENCE_KINDS.includes(kind) || !CHANNELS.includes(channel as Channel)) throw new BadRequestError('reminders.preferences.invalid');
      result.push([kind, channel as Channel]);
    }
    return result;
  }
}
