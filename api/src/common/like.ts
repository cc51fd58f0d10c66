/** `text` with LIKE's wildcards (`%`, `_`) and escape (`\`) taken literally. */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** A LIKE pattern matching values that contain `text`; null when there is nothing to search for. */
export function containsPattern(text: string | undefined | null): string | null {
  return text ? `%${escapeLike(text)}%` : null;
}
