import { z } from 'zod';
import { DEAL_FIELDS } from './deal';

// Part of the model, not the protocol: the field rules (fields.ts) turn these into deal values, and the model
// imports nothing from the protocol; the contract takes its inputs from here.

/** A value for one field, as typed or pasted (string) or already typed (number, null = clear). */
export const rawValue = z.union([z.string().max(1_000_000), z.number(), z.null()]);
/** The values of some of a deal's fields, by field name. */
export const rawValues = z.partialRecord(z.enum(DEAL_FIELDS), rawValue);

export type RawValue = z.infer<typeof rawValue>;
export type RawValues = z.infer<typeof rawValues>;
