import { Global, Module } from '@nestjs/common';
import { MailService } from './mail.service.js';

/** Global: sign-in help, reminders and digests all send mail through the one MailService. */
@Global()
@Module({ providers: [MailService], exports: [MailService] })
export class NotificationsModule {}
