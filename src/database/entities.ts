import { AuditEvent } from '../audit/audit-event.entity.js';
import { Cohort, ModuleWindow } from '../cohorts/cohort.entity.js';
import { CohortMember, CohortMemberEvent, MentorGroup } from '../cohorts/cohort-member.entity.js';
import { PasswordResetToken } from '../auth/password-reset-token.entity.js';
import { RoleGrant } from '../auth/role-grant.entity.js';
import { Municipality, Network } from '../municipalities/municipality.entity.js';
import { ModuleProgress } from '../progress/module-progress.entity.js';
import { ProgressEvent } from '../progress/progress-event.entity.js';
import { CurriculumModule, ModulePrerequisite } from '../programmes/curriculum-module.entity.js';
import { Programme, ProgrammePhase } from '../programmes/programme.entity.js';
import { School } from '../schools/school.entity.js';
import { User } from '../users/user.entity.js';

/** Every entity, listed once for the app's data source and the CLI's. */
export const entities = [Network, Municipality, School, User, RoleGrant, AuditEvent, PasswordResetToken, Programme, ProgrammePhase, CurriculumModule, ModulePrerequisite, Cohort, ModuleWindow, MentorGroup, CohortMember, CohortMemberEvent, ModuleProgress, ProgressEvent];
