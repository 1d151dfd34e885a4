import { AuditEvent } from '../audit/audit-event.entity.js';
import { PasswordResetToken } from '../auth/password-reset-token.entity.js';
import { RoleGrant } from '../auth/role-grant.entity.js';
import { Municipality, Network } from '../municipalities/municipality.entity.js';
import { School } from '../schools/school.entity.js';
import { User } from '../users/user.entity.js';

/** Every entity, listed once for the app's data source and the CLI's. */
export const entities = [Network, Municipality, School, User, RoleGrant, AuditEvent, PasswordResetToken];
