/** The app's pino logger, injectable anywhere: `@Inject(APP_LOGGER) logger: Logger`. */
export const APP_LOGGER = Symbol('APP_LOGGER');
