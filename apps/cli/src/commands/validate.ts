import type { Command } from 'commander';
import { exitCodes } from '../exit-codes.js';
import { parseOutputFormat, type Output, type OutputFormat } from '../output.js';

// Loaded on use: the spec schemas (zod, YAML) cost start-up time that `floe --version` or `--help` should not pay.
const spec = () => import('@floe/spec');

/** `floe validate <file...>`: validates Platform and Pipeline files together. */
export function registerValidate(program: Command, output: Output, setExit: (code: number) => void): void {
  program
    .command('validate')
    .description('validate Platform and Pipeline files (a pipeline is checked against the platforms given with it)')
    .argument('<file...>', 'YAML files, each with one or more documents')
    .option('-o, --output <format>', 'text or json', parseOutputFormat, 'text' as OutputFormat)
    .action(async (files: string[], options: { output: OutputFormat }) => {
      const { SpecValidationError, loadSpecFiles } = await spec();
      try {
        const documents = await loadSpecFiles(files);
        if (options.output === 'json') {
          output.out(JSON.stringify({ valid: true, documents: documents.map((document) => ({ file: document.file, kind: document.kind, name: document.spec.metadata.name })), issues: [] }));
        } else {
          for (const document of documents) output.out(`ok  ${document.file}  ${document.kind}/${document.spec.metadata.name}`);
        }
        setExit(exitCodes.ok);
      } catch (error) {
        if (!(error instanceof SpecValidationError)) throw error;
        if (options.output === 'json') output.out(JSON.stringify({ valid: false, documents: [], issues: error.issues }));
        else output.err(error.message);
        setExit(exitCodes.invalidInput);
      }
    });
}
