import { specJsonSchema } from '@floe/spec';
import { Argument, type Command } from 'commander';
import type { Output } from '../output.js';

/** `floe schema [platform|pipeline]`: prints the JSON Schema editors use. */
export function registerSchema(program: Command, output: Output): void {
  program
    .command('schema')
    .description('print the JSON Schema of a document kind (for yaml-language-server and other editors)')
    .addArgument(new Argument('[kind]', 'document kind').choices(['platform', 'pipeline']).default('platform'))
    .action((kind: 'platform' | 'pipeline') => {
      output.out(JSON.stringify(specJsonSchema(kind), null, 2));
    });
}
