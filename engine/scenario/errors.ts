// Turning schema failures into plain-words problems that name the field. Every
// boundary that reads a scenario (CLI file, IPC payload, saved body) reports
// through ScenarioError, so the UI and the CLI print the same sentences.
import type { z } from 'zod';

export interface FieldProblem {
  /** Path in the JSON, e.g. `tiers[1].first_contact_sla_hours`; `(top level)` for the document itself. */
  readonly field: string;
  /** What is wrong and what is allowed, e.g. `must be a number, got "seventy"`. */
  readonly message: string;
}

export class ScenarioError extends Error {
  override readonly name = 'ScenarioError';
  constructor(
    readonly problems: readonly FieldProblem[],
    readonly source?: string,
  ) {
    super(formatProblems(problems, source));
  }
}

export function formatProblems(problems: readonly FieldProblem[], source?: string): string {
  const prefix = source ? `${source}: ` : '';
  const shown = problems.slice(0, 20).map((p) => `${prefix}${p.field}: ${p.message}`);
  if (problems.length > shown.length) shown.push(`${prefix}... and ${problems.length - shown.length} more problems`);
  return shown.join('\n');
}

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;

export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else {
      const name = String(key);
      if (IDENTIFIER.test(name)) out += out === '' ? name : `.${name}`;
      else out += `[${JSON.stringify(name)}]`;
    }
  }
  return out === '' ? '(top level)' : out;
}

/** A short rendering of a bad value for an error message. */
export function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  switch (typeof value) {
    case 'string': {
      const s = value.length > 40 ? `${value.slice(0, 37)}...` : value;
      return JSON.stringify(s);
    }
    case 'number':
      return Number.isNaN(value) ? 'NaN' : String(value);
    case 'boolean':
      return String(value);
    case 'object':
      return 'an object';
    case 'bigint':
      return `${String(value)} (a big integer)`;
    default:
      return `a ${typeof value}`;
  }
}

const EXPECTED_WORDS: Readonly<Record<string, string>> = {
  number: 'a number',
  string: 'text',
  boolean: 'true or false',
  object: 'an object',
  array: 'a list',
  record: 'an object',
  int: 'a whole number',
  null: 'null',
};

/**
 * One FieldProblem per zod issue. `allowedKeys` gives the known fields of an
 * object at a path pattern (list indices written `[]`), so an unknown field's
 * message can say what is allowed.
 */
export function problemsFromZod(
  issues: readonly z.core.$ZodIssue[],
  allowedKeys: (pathPattern: string) => readonly string[] | undefined,
): FieldProblem[] {
  const out: FieldProblem[] = [];
  for (const issue of issues) {
    if (issue.code === 'unrecognized_keys') {
      const allowed = allowedKeys(pathPattern(issue.path));
      for (const key of issue.keys) {
        out.push({
          field: formatPath([...issue.path, key]),
          message: allowed ? `is not a known field; allowed here: ${allowed.join(', ')}` : 'is not a known field',
        });
      }
      continue;
    }
    out.push({ field: formatPath(issue.path), message: messageOf(issue) });
  }
  return out;
}

function messageOf(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case 'invalid_type': {
      if (issue.input === undefined) return 'is required';
      const expected = EXPECTED_WORDS[issue.expected] ?? String(issue.expected);
      return `must be ${expected}, got ${describeValue(issue.input)}`;
    }
    case 'invalid_value': {
      if (issue.input === undefined) return 'is required';
      const values = issue.values.map((v) => JSON.stringify(v));
      const allowed = values.length === 1 ? values[0] : `one of ${values.join(', ')}`;
      return `must be ${allowed}, got ${describeValue(issue.input)}`;
    }
    case 'invalid_key':
      return `has a bad key: ${issue.issues.map(messageOf).join('; ')}`;
    default:
      // Every constraint in the schemas carries its own plain-words message.
      return issue.message;
  }
}

function pathPattern(path: readonly PropertyKey[]): string {
  return path.map((k) => (typeof k === 'number' ? '[]' : String(k))).join('.');
}
