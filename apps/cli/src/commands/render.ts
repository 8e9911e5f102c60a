import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { RenderedComponent } from '@floe/manifests';
import type { Command } from 'commander';
import { exitCodes } from '../exit-codes.js';
import type { Output } from '../output.js';
import { repeatable } from '../flag-values.js';
import { loadSpecInput } from '../spec-input.js';

// Loaded on use, as the other commands' packages.
const manifests = () => import('@floe/manifests');

interface RenderOptions {
  file: string;
  pipeline: string[];
  output: string;
  exampleJobs: boolean;
  compiledDir?: string;
}


/**
 * `floe render -f platform.yaml [-p pipeline.yaml ...] [-o dir|-] [--compiled-dir dir]`:
 * the platform's Kubernetes objects as YAML, with the given pipelines compiled
 * into the Dagster code location's ConfigMaps (the GitOps "compile").
 */
export function registerRender(program: Command, output: Output, setExit: (code: number) => void): void {
  program
    .command('render')
    .description('render the platform (Layer 3) as Kubernetes YAML in apply order, without touching a cluster')
    .requiredOption('-f, --file <platform.yaml>', 'the Platform file')
    .option('-p, --pipeline <pipeline.yaml>', 'a Pipeline file, validated with the platform (repeatable)', repeatable, [] as string[])
    .option('-o, --output <dir|->', 'a directory (one file per component) or - for stdout', '-')
    .option('--example-jobs', 'also render one example Job per pipeline step (for review, not for applying)', false)
    .option('--compiled-dir <dir>', 'also write each compiled pipeline as <name>.json (what the Dagster code location reads)')
    .action(async (options: RenderOptions) => {
      const input = await loadSpecInput(options.file, options.pipeline, output);
      if (!input) {
        setExit(exitCodes.invalidInput);
        return;
      }
      const { platform, pipelines } = input;
      const { compilePipelines, renderPipelineExample, renderPlatform, toYaml } = await manifests();
      const rendered = renderPlatform(platform, { pipelines });
      const components: RenderedComponent[] = [...rendered.components];
      if (options.exampleJobs) {
        for (const pipeline of pipelines) components.push(renderPipelineExample(platform, pipeline));
      }
      if (options.compiledDir !== undefined) {
        await mkdir(options.compiledDir, { recursive: true });
        const compiled = compilePipelines(pipelines);
        for (const pipeline of compiled) await writeFile(join(options.compiledDir, pipeline.fileName), pipeline.json);
        output.err(`wrote ${compiled.length} compiled pipelines to ${options.compiledDir}`);
      }
      if (options.output === '-') {
        output.out(components.map((component) => toYaml(component.objects)).join(''));
      } else {
        await mkdir(options.output, { recursive: true });
        for (const component of components) await writeFile(join(options.output, `${component.name}.yaml`), toYaml(component.objects));
        output.err(`wrote ${components.length} files to ${options.output}`);
      }
      setExit(exitCodes.ok);
    });
}
