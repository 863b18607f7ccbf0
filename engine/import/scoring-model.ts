// scoring_model.json: the policy that was in force. The importer checks it is a
// JSON object, runs the scenario module's schema over it (the hook below), and
// stores its text in hl_meta 'scoring_model'.
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { z } from 'zod';
import { scoringModelSchema } from '../scenario/schema';
import { ImportError, type ImportIssue } from './errors';

export interface ScoringModelProblem {
  /** Dotted path of the field, e.g. "tiers.0.min_score". */
  readonly field: string;
  readonly message: string;
}

/** Returns the problems found; an empty list accepts the model. */
export type ScoringModelValidator = (model: Readonly<Record<string, unknown>>) => readonly ScoringModelProblem[];

/** The scenario module's own schema (DATA_CONTRACT section 2 blocks), field by field. */
export const scenarioSchemaValidator: ScoringModelValidator = (model) => {
  const parsed = scoringModelSchema.safeParse(model);
  if (parsed.success) return [];
  return parsed.error.issues.flatMap((issue) => {
    const at = issue.path.map(String);
    // An unknown key is named by itself: the schema's own text for it only says "must be an object".
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => ({ field: [...at, key].join('.'), message: 'is not a known field; check its spelling.' }));
    }
    return [{ field: at.join('.') || '(top level)', message: issue.message }];
  });
};

let registered: ScoringModelValidator | null = scenarioSchemaValidator;

/** Replace the check (null: only "is a JSON object"); by default it is the scenario schema. */
export function setScoringModelValidator(validator: ScoringModelValidator | null): void {
  registered = validator;
}

const ObjectSchema = z.record(z.string(), z.unknown());

/** Read, parse and check scoring_model.json; returns its text as stored. Throws ImportError naming the file and field. */
export function readScoringModel(path: string, validator: ScoringModelValidator | null = registered): string {
  const file = basename(path);
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    throw new ImportError([{ file, message: `${file} could not be read. Check that the file exists and is not open in another program.` }]);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (err) {
    const detail = err instanceof SyntaxError ? ` (${err.message.replace(/^JSON\.parse: /, '')})` : '';
    throw new ImportError([{ file, message: `${file} is not valid JSON${detail}. Check commas, quotes and brackets.` }]);
  }
  const obj = ObjectSchema.safeParse(parsed);
  if (!obj.success) {
    throw new ImportError([{ file, message: `${file} must hold one JSON object with "scoring", "mql", "tiers" and "sla" blocks, not ${Array.isArray(parsed) ? 'a list' : typeof parsed}.` }]);
  }
  const problems = validator ? validator(obj.data) : [];
  if (problems.length > 0) {
    const issues: ImportIssue[] = problems.map((p) => ({ file, field: p.field, message: `${file}, field "${p.field}": ${p.message}` }));
    throw new ImportError(issues);
  }
  return JSON.stringify(obj.data);
}
