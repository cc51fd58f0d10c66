import { Foundation1764115200000 } from './1764115200000-Foundation';

/** Every migration, in order. Listed explicitly so the bundled API carries them. */
export const MIGRATIONS = [Foundation1764115200000];
