import { Injectable, Module } from '@nestjs/common';
import type { Actor } from './actor';
import { UsersRepository } from './users.repository';

/**
 * Who a user is and what they may do, read fresh from the database. Used where no request
 * carries the actor — the worker acting on behalf of the person who asked for a bulk move.
 */
@Injectable()
export class ActorDirectory {
  constructor(private readonly users: UsersRepository) {}

  async actorFor(userId: string): Promise<Actor | null> {
    const user = await this.users.findActiveById(userId);
    if (!user) return null;
    const grants = await this.users.grantsOf(user.id);
    return {
      id: user.id,
      email: user.email,
      displayName: user.displayName,
      roles: [...new Set(grants.map((grant) => grant.role))],
      grants,
    };
  }
}

/** The directory alone, without sign-in and the HTTP guard: for the worker. */
@Module({ providers: [ActorDirectory, UsersRepository], exports: [ActorDirectory] })
export class ActorDirectoryModule {}
