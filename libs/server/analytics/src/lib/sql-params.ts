import type { SqlCondition } from '@parcours/server-identity';

/** Positional parameters for hand-written SQL: `params.add(value)` returns its placeholder. */
export class SqlParams {
  readonly values: unknown[] = [];

  add(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }

  /**
   * Inlines a condition written with TypeORM's named parameters (`:name`, `:...list`), such as
   * `startupVisibility`'s, renumbered after the parameters already added.
   */
  condition({ sql, params }: SqlCondition): string {
    return sql.replace(/(?<!:):(\.\.\.)?([A-Za-z_][A-Za-z0-9_]*)/g, (whole, spread, name) => {
      if (!Object.prototype.hasOwnProperty.call(params, name)) return whole;
      const value = params[name];
      if (spread) {
        if (!Array.isArray(value) || value.length === 0) {
          throw new Error(`parameter :...${name} needs a non-empty array`);
        }
        return value.map((item: unknown) => this.add(item)).join(', ');
      }
      return this.add(value);
    });
  }
}
