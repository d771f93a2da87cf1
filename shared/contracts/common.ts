import * as z from 'zod';

export const errorBody = z
  .object({
    error: z.object({
      code: z.string(),
      message: z.string(),
      fields: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
    }),
  })
  .describe('The one error shape of every endpoint.');

export const cursorQuery = z.string().max(2048).optional().describe('The nextCursor of the previous page.');

export const idParam = z.object({ id: z.string().min(1).max(64) });
