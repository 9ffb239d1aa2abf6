import type { z } from 'zod';

/** The one wording of a zod error: "path: message; …" for the first `max` issues ("(root)" for the whole value). */
export function describeZodError(error: z.ZodError, max = 5): string {
  return error.issues
    .slice(0, max)
    .map((i) => `${i.path.length ? i.path.join('.') : '(root)'}: ${i.message}`)
    .join('; ');
}
