import { Global, Module } from '@nestjs/common';
import { MailService } from './mail.service.js';
import { NotificationsController } from './notifications.controller.js';
import { NotificationsRepository } from './notifications.repository.js';
import { NotificationsService } from './notifications.service.js';

/** Global: every feature tells people things through NotificationsService, and sends mail through the one MailService. */
@Global()
@Module({
  controllers: [NotificationsController],
  providers: [MailService, NotificationsRepository, NotificationsService],
  exports: [MailService, NotificationsService],
})
export class NotificationsModule {}
