// Request shapes for the import and preview calls, for the EngineApi and the
// CLI to validate before anything reaches the importer.
import { z } from 'zod';
import { TABLE_NAMES, type TableName } from '../workspace/tables';

export const TableNameSchema = z.enum(TABLE_NAMES as unknown as [TableName, ...TableName[]]);

/** canonical column -> header in the file. */
export const ColumnMappingSchema = z.record(z.string().min(1), z.string().min(1));

export const ImportFileSpecSchema = z.strictObject({
  path: z.string().min(1),
  table: TableNameSchema,
  mapping: ColumnMappingSchema.optional(),
});

export const ImportFilesRequestSchema = z.strictObject({
  files: z.array(ImportFileSpecSchema).min(1),
  timezone: z.string().min(1).optional(),
  scoringModelPath: z.string().min(1).optional(),
});

export const ImportDirectoryRequestSchema = z.strictObject({
  dir: z.string().min(1),
  timezone: z.string().min(1).optional(),
});

export const PreviewFileRequestSchema = z.strictObject({
  path: z.string().min(1),
  table: TableNameSchema.optional(),
  rows: z.number().int().min(1).max(1000).optional(),
});

export const SaveMappingRequestSchema = z.strictObject({
  table: TableNameSchema,
  mapping: ColumnMappingSchema,
});
