import { Global, Module } from '@nestjs/common';
import { AuditLogRepository } from './audit-log.repository.js';
import { AuditLogService } from './audit-log.service.js';
import { AuditController } from './audit.controller.js';
import { AuditService } from './audit.service.js';

/** Global: every feature records its sensitive actions with AuditService, inside its write's transaction. */
@Global()
@Module({ controllers: [AuditController], providers: [AuditService, AuditLogRepository, AuditLogService], exports: [AuditService] })
export class AuditModule {}
