// What a caller may ask of the observed metrics: a window and filters. Pure
// (zod only), so the EngineApi contract and the renderer can share it.
import { z } from 'zod';

const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date like 2025-01-31')
  .refine((s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s), 'is not a real date');

const filterList = z
  .union([z.string(), z.array(z.string())])
  .transform((v) => (typeof v === 'string' ? [v] : v))
  .optional();

export const observedOptionsSchema = z
  .strictObject({
    from: isoDate.optional(),
    to: isoDate.optional(),
    filters: z
      .strictObject({ source: filterList, tier: filterList, segment: filterList, rep: filterList })
      .optional(),
  })
  .refine((o) => !o.from || !o.to || o.from <= o.to, { message: 'the window starts after it ends', path: ['from'] });

export type ObservedOptions = z.input<typeof observedOptionsSchema>;
