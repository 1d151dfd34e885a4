export const MODULE_KINDS = ['workshop', 'online', 'practicum', 'expedition'] as const;
export type ModuleKind = (typeof MODULE_KINDS)[number];
export const COMPLETION_METHODS = ['self', 'approval', 'attendance'] as const;
export type CompletionMethod = (typeof COMPLETION_METHODS)[number];
