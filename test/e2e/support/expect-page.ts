import { isDeepStrictEqual } from 'node:util';
import type { Locator } from 'playwright-core';

/**
 * Assertions on what a page shows that retry until they hold, for reads that follow a user action
 * (a click, a tap, a fill, a navigation, a server round-trip): Angular re-renders a moment later, and
 * later still on a loaded machine, so a single read may see the page as it was before the action.
 *
 * Each one reads again every `interval` ms until the expectation holds, and after `timeout` ms throws
 * an Error that names the expectation and the last value read (like Jest's Expected / Received). A
 * read that fails (no such element yet, or several where one is meant) counts as not yet.
 */
export interface PollOptions {
  /** How long to keep trying, in ms (10 s by default). */
  timeout?: number;
  /** The pause between two reads, in ms (150 by default). */
  interval?: number;
}

const DEFAULT_TIMEOUT = 10_000;
const DEFAULT_INTERVAL = 150;
/**
 * The longest a single locator read waits for its element (Playwright's reads wait for it), so that
 * the loop keeps its pace; the last read may end this much after the timeout.
 */
const READ_TIMEOUT = 1_000;

type LastRead<T> = { value: T } | { error: unknown } | undefined;

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

function show(value: unknown): string {
  if (value instanceof RegExp) return String(value);
  if (value === undefined) return 'undefined';
  return JSON.stringify(value);
}

function showLast<T>(last: LastRead<T>): string {
  if (last === undefined) return '(nothing read)';
  if ('value' in last) return show(last.value);
  const message = last.error instanceof Error ? last.error.message : String(last.error);
  return `(the read failed: ${message.split('\n')[0]})`;
}

/** Describes a locator in a message: Playwright's own rendering of its selector. */
function name(locator: Locator): string {
  return String(locator);
}

/**
 * Reads until `holds(value)` is true, and returns that value; on timeout throws with `expectation`
 * (what should have been true), `expected` (shown as Expected) and the last value read (Received).
 * `read` gets the time a single read may wait for its element.
 */
export async function expectEventually<T>(
  read: (readTimeout: number) => Promise<T>,
  holds: (value: T) => boolean,
  expectation: string,
  expected: string,
  options: PollOptions = {},
): Promise<T> {
  const timeout = options.timeout ?? DEFAULT_TIMEOUT;
  const interval = options.interval ?? DEFAULT_INTERVAL;
  const deadline = Date.now() + timeout;
  let last: LastRead<T>;
  for (;;) {
    try {
      const value = await read(Math.max(1, Math.min(READ_TIMEOUT, timeout)));
      if (holds(value)) return value;
      last = { value };
    } catch (error) {
      last = { error };
    }
    if (Date.now() >= deadline) break;
    await sleep(Math.min(interval, Math.max(0, deadline - Date.now())));
  }
  throw new Error(
    `timed out after ${timeout} ms waiting for the ${expectation}\nExpected: ${expected}\nReceived: ${showLast(last)}`,
  );
}

/**
 * What `read` returns (plain data: strings, numbers, arrays, objects) is deeply equal to `expected`,
 * for reads of the page that the other helpers do not cover (`what` names it in the message).
 */
export async function expectRead<T>(
  read: () => Promise<T>,
  expected: T,
  what: string,
  options?: PollOptions,
): Promise<void> {
  await expectEventually(read, (value) => isDeepStrictEqual(value, expected), what, show(expected), options);
}

/** A RegExp that finds `text` anywhere: for a part of an attribute, say. */
export function literally(text: string): RegExp {
  return new RegExp(text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
}

const matches = (text: string, expected: string | RegExp) =>
  typeof expected === 'string' ? text === expected : expected.test(text);

/** The element's text (innerText, trimmed) is `expected` exactly, or matches it when a RegExp. */
export async function expectText(locator: Locator, expected: string | RegExp, options?: PollOptions): Promise<void> {
  await expectEventually(
    async (timeout) => (await locator.innerText({ timeout })).trim(),
    (text) => matches(text, expected),
    `text of ${name(locator)}`,
    show(expected),
    options,
  );
}

/** The element's text (innerText) contains `part`, or every one of `parts`. */
export async function expectTextContaining(
  locator: Locator,
  parts: string | readonly string[],
  options?: PollOptions,
): Promise<void> {
  const wanted = typeof parts === 'string' ? [parts] : parts;
  await expectEventually(
    (timeout) => locator.innerText({ timeout }),
    (text) => wanted.every((part) => text.includes(part)),
    `text of ${name(locator)}`,
    `containing ${wanted.map(show).join(' and ')}`,
    options,
  );
}

/** The texts (innerText, trimmed) of all the elements the locator matches, in order, are `expected`. */
export async function expectTexts(locator: Locator, expected: readonly string[], options?: PollOptions): Promise<void> {
  await expectEventually(
    async () => (await locator.allInnerTexts()).map((text) => text.trim()),
    (texts) => texts.length === expected.length && texts.every((text, i) => text === expected[i]),
    `texts of ${name(locator)}`,
    show(expected),
    options,
  );
}

/** The locator matches exactly `count` elements. */
export async function expectCount(locator: Locator, count: number, options?: PollOptions): Promise<void> {
  await expectEventually(
    () => locator.count(),
    (n) => n === count,
    `number of ${name(locator)}`,
    show(count),
    options,
  );
}

/** The input's (or textarea's, or select's) value is `expected` exactly. */
export async function expectValue(locator: Locator, expected: string, options?: PollOptions): Promise<void> {
  await expectEventually(
    (timeout) => locator.inputValue({ timeout }),
    (value) => value === expected,
    `value of ${name(locator)}`,
    show(expected),
    options,
  );
}

/** The values of all the inputs the locator matches, in order, are `expected`. */
export async function expectValues(
  locator: Locator,
  expected: readonly string[],
  options?: PollOptions,
): Promise<void> {
  await expectEventually(
    () => locator.evaluateAll((elements) => elements.map((e) => (e as HTMLInputElement).value)),
    (values) => values.length === expected.length && values.every((value, i) => value === expected[i]),
    `values of ${name(locator)}`,
    show(expected),
    options,
  );
}

/** The element is disabled (or, with `disabled` false, enabled). */
export async function expectDisabled(locator: Locator, disabled = true, options?: PollOptions): Promise<void> {
  await expectEventually(
    (timeout) => locator.isDisabled({ timeout }),
    (value) => value === disabled,
    `disabled state of ${name(locator)}`,
    show(disabled),
    options,
  );
}

/** The element's attribute `attribute` is `expected` exactly, or matches it when a RegExp. */
export async function expectAttribute(
  locator: Locator,
  attribute: string,
  expected: string | RegExp,
  options?: PollOptions,
): Promise<void> {
  await expectEventually(
    (timeout) => locator.getAttribute(attribute, { timeout }),
    (value) => value !== null && matches(value, expected),
    `attribute ${attribute} of ${name(locator)}`,
    show(expected),
    options,
  );
}
