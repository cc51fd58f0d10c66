import type { ValueTransformer } from 'typeorm';

/** PostgreSQL returns `numeric` as text; credit hours are small decimals that fit a JS number. */
export const numericColumn: ValueTransformer = {
  to: (value: number | null) => value,
  from: (value: string | null) => (value === null ? null : Number(value)),
};
