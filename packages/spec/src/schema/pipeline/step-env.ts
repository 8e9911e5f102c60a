import { z } from 'zod';
import { secretKeyRef } from '../kubernetes-types.js';

const envName = z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, {
  error: 'must be an environment variable name ([A-Za-z_][A-Za-z0-9_]*)',
});

/** An environment variable of a step: a plain value, or a Secret key by reference. */
export const envVar = z.union([
  z.strictObject({ name: envName, value: z.string() }),
  z.strictObject({ name: envName, secretKeyRef }),
]);
export type EnvVar = z.output<typeof envVar>;

/** Prefixes floe's pod template sets itself; a step may not override them. */
export const reservedEnvPrefixes = ['FLOE_', 'OTEL_'] as const;
