import { randomBytes } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Inject, Injectable, type OnModuleDestroy } from '@nestjs/common';
import nodemailer, { type Attachment, type SMTPSentMessageInfo, type StreamSentMessageInfo, type Transporter } from 'nodemailer';
import type { Logger } from 'pino';
import { createLogger } from '../common/logger.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';

export interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
  html?: string;
  attachments?: Attachment[];
  /** Extra headers, e.g. List-Unsubscribe on reminders. */
  headers?: Record<string, string>;
}

export interface SentMail {
  messageId: string;
  /** Where the message was written when no SMTP server is configured. */
  file?: string;
}

/**
 * Sends e-mail through SMTP_URL; without one (development, tests) each message is written as an
 * .eml file under DATA_DIR/mail, so a developer can open it and follow its links. A failed send
 * throws: callers that must not lose a message (reminders) retry it.
 */
@Injectable()
export class MailService implements OnModuleDestroy {
  private readonly smtp?: Transporter<SMTPSentMessageInfo>;
  private readonly files?: Transporter<StreamSentMessageInfo>;
  /** Its own child of the app's logger configuration: lines about mail, never their bodies. */
  private readonly logger: Logger;
  private readonly inFlight = new Set<Promise<void>>();

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {
    this.logger = createLogger(config).child({ component: 'mail' });
    if (config.smtpUrl) this.smtp = nodemailer.createTransport(config.smtpUrl);
    else this.files = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
  }

  get mailDirectory(): string {
    return join(this.config.dataDir, 'mail');
  }

  async send(mail: OutgoingMail): Promise<SentMail> {
    const message = { from: this.config.mailFrom, to: mail.to, subject: mail.subject, text: mail.text, html: mail.html, attachments: mail.attachments, headers: mail.headers };
    if (this.smtp) {
      const info = await this.smtp.sendMail(message);
      this.logger.info({ messageId: info.messageId }, 'mail sent');
      return { messageId: info.messageId };
    }
    const info = await this.files!.sendMail(message);
    await mkdir(this.mailDirectory, { recursive: true, mode: 0o700 });
    const stamp = new Date().toISOString().replace(/[:.]/g, '-');
    const file = join(this.mailDirectory, `${stamp}-${randomBytes(6).toString('hex')}.eml`);
    // Owner-only: a message may hold a password-reset link.
    await writeFile(file, info.message as Buffer, { mode: 0o600, flag: 'wx' });
    this.logger.info(`mail written to ${file}`);
    return { messageId: info.messageId, file };
  }

  /**
   * Sends without making the request wait: for mail whose delivery time must not show in the
   * response (a reset link must not reveal whether an address is registered). The mail may be
   * composed in the background too (`compose` resolving to nothing sends nothing). A failure is
   * logged with its purpose, never with the recipient or the body.
   */
  sendInBackground(mail: OutgoingMail | (() => Promise<OutgoingMail | undefined>), purpose: string): void {
    const sending = (typeof mail === 'function' ? mail() : Promise.resolve(mail))
      .then((composed) => (composed ? this.send(composed) : undefined))
      .then(
        () => undefined,
        (error: unknown) => {
          const { message, code } = error as { message?: string; code?: string };
          this.logger.error({ purpose, error: { message, code } }, 'mail could not be sent');
        },
      );
    this.inFlight.add(sending);
    void sending.finally(() => this.inFlight.delete(sending));
  }

  /** Resolves once every background send has finished; shutdown waits for it so none is cut off. */
  async settled(): Promise<void> {
    await Promise.allSettled([...this.inFlight]);
  }

  async onModuleDestroy(): Promise<void> {
    await this.settled();
    this.smtp?.close();
    this.files?.close();
  }
}
