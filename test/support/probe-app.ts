import type { Type } from '@nestjs/common';
import { createTestApp, type TestApp } from './test-app.js';

/**
 * The whole app plus controllers of the test's own, on a fresh database: for exercising the
 * shared pipes, guards and error filter through routes no feature has yet (a UUID path id,
 * a permission check, a page number).
 */
export function createProbeApp(controllers: Type<unknown>[], env: Record<string, string> = {}): Promise<TestApp> {
  return createTestApp(env, controllers);
}
