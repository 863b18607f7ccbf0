// scoring_model.json: the policy that was in force. The importer only checks it
// is a JSON object and stores its text in hl_meta 'scoring_model'; the full
// schema check belongs to the scenario module, which plugs in here.
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { z } from 'zod';
import { ImportError, type ImportIssue } from './errors';

export interface ScoringModelProblem {
  /** Dotted path of the field, e.g. "tiers.0.min_score". */
  readonly field: string;
  readonly message: string;
}

/** Returns the problems found; an empty list accepts the model. */
export type ScoringModelValidator = (model: Readonly<Record<string, unknown>>) => readonly ScoringModelProblem[];

let registered: ScoringModelValidator | null = null;

/** The scenario module registers its full scoring/mql/tiers/sla check here once at start-up. */
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
