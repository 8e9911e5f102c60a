// An esbuild plugin that writes THIRD-PARTY-LICENSES.md next to a bundle: for every
// npm package whose code ended up in the output, its name, version, licence and
// licence text, as the licences of bundled code require.
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

/** The directory of the npm package a bundled input file belongs to (undefined for the repo's own code). */
function packageRootOf(file) {
  const marker = '/node_modules/';
  const at = file.lastIndexOf(marker);
  if (at < 0) return undefined;
  const rest = file.slice(at + marker.length).split('/');
  const depth = rest[0].startsWith('@') ? 2 : 1;
  return file.slice(0, at + marker.length) + rest.slice(0, depth).join('/');
}

function licenceText(root) {
  const name = readdirSync(root).find((entry) => /^(licen[cs]e|copying)(\.|$)/i.test(entry));
  return name ? readFileSync(join(root, name), 'utf8').trim() : undefined;
}

/** @param {{ file?: string }} [options] */
export function bundledLicenses(options = {}) {
  return {
    name: 'floe-bundled-licenses',
    setup(build) {
      build.initialOptions.metafile = true;
      build.onEnd((result) => {
        if (!result.metafile) return;
        const roots = new Set();
        for (const output of Object.values(result.metafile.outputs)) {
          for (const [input, used] of Object.entries(output.inputs)) {
            if (used.bytesInOutput === 0) continue;
            const root = packageRootOf(resolve(input));
            if (root) roots.add(root);
          }
        }
        const packages = [...roots].map((root) => {
          const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
          return { name: manifest.name, version: manifest.version, license: manifest.license ?? 'see text', text: licenceText(root) };
        }).sort((a, b) => a.name.localeCompare(b.name));
        const lines = ['# Third-party code in this bundle', '', 'The files in this directory include code of these npm packages, under their licences:', ''];
        for (const entry of packages) {
          lines.push(`## ${entry.name}@${entry.version} (${entry.license})`, '');
          if (entry.text) lines.push('```', entry.text, '```', '');
        }
        const outdir = build.initialOptions.outdir ?? dirname(build.initialOptions.outfile ?? 'dist/x');
        if (!existsSync(outdir)) return;
        writeFileSync(join(outdir, options.file ?? 'THIRD-PARTY-LICENSES.md'), `${lines.join('\n')}\n`);
      });
    },
  };
}
