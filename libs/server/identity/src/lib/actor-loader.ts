import { Injectable } from '@nestjs/common';
import type { Actor } from './actor';
import { UsersRepository, type UserRecord } from './users.repository';

/** Builds the Actor of a user record: grants are read each time, so changes apply at once. */
@Injectable()
export class ActorLoader {
  constructor(private readonly users: UsersRepository) {}

  async actorOf(user: UserRecord): Promise<Actor> {
    const grants = await this.users.grantsOf(user.id);
    return {
      id: user.id,
      email: user.email,
      displayName: user.displayName,
      roles: [...new Set(grants.map((grant) => grant.role))],
      grants,
    };
  }

  /** The user of an access token and their Actor, in one query (see UsersRepository). */
  async actorInSession(
    userId: string,
    sessionId: string,
  ): Promise<{ user: UserRecord; actor: Actor } | null> {
    const found = await this.users.findActiveInSessionWithGrants(userId, sessionId);
    if (!found) return null;
    const { user, grants } = found;
    return {
      user,
      actor: {
        id: user.id,
        email: user.email,
        displayName: user.displayName,
        roles: [...new Set(grants.map((grant) => grant.role))],
        grants,
      },
    };
  }

  async activeActor(userId: string): Promise<Actor | null> {
    const user = await this.users.findActiveById(userId);
    return user ? this.actorOf(user) : null;
  }
}
