import { Argument, type Command } from 'commander';
import type { Output } from '../output.js';

// Loaded on use: the schemas are built only for the command that prints them.
const spec = () => import('@floe/spec');

/** `floe schema [platform|pipeline]`: prints the JSON Schema editors use. */
export function registerSchema(program: Command, output: Output): void {
  program
    .command('schema')
    .description('print the JSON Schema of a document kind (for yaml-language-server and other editors)')
    .addArgument(new Argument('[kind]', 'document kind').choices(['platform', 'pipeline']).default('platform'))
    .action(async (kind: 'platform' | 'pipeline') => {
      const { specJsonSchema } = await spec();
      output.out(JSON.stringify(specJsonSchema(kind), null, 2));
    });
}
