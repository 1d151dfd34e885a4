import { Injectable } from '@nestjs/common';
import passport from 'passport';
import { Strategy as LocalStrategy } from 'passport-local';
import { UsersRepository } from '../users/users.repository.js';
import type { SignedInActor } from './actor.js';
import { AuthService } from './auth.service.js';

/**
 * This app's own Passport (not the module-wide singleton, so two apps in one process, as in
 * tests, never share strategies): passport-local checks the form through AuthService, and the
 * session holds only the person's id, loaded afresh on every request.
 */
@Injectable()
export class AppPassport {
  readonly authenticator = new passport.Passport();

  constructor(auth: AuthService, users: UsersRepository) {
    this.authenticator.use(
      'local',
      new LocalStrategy({ usernameField: 'email', passwordField: 'password', passReqToCallback: true }, (req, email, password, done) => {
        auth.verifyCredentials(email, password, req.ip ?? '').then(
          (actor) => done(null, actor),
          (error: unknown) => done(error),
        );
      }),
    );
    this.authenticator.serializeUser((user, done) => done(null, (user as SignedInActor).id));
    this.authenticator.deserializeUser((id: string, done) => {
      users.findActiveActor(id).then((actor) => done(null, actor ?? false), done);
    });
  }
}
