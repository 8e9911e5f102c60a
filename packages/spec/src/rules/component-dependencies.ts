import { z } from 'zod';

const toggle = z.object({ enabled: z.boolean() });

/** What the component rules read: which components are enabled (checked even when other platform fields are invalid). */
export const componentToggleFields = z.object({
  catalog: toggle.extend({ type: z.string().optional() }),
  semantic: toggle,
  storage: toggle.extend({ type: z.string() }),
  observability: z.object({ prometheus: toggle, grafana: toggle }),
});

type ComponentToggles = z.output<typeof componentToggleFields>;

interface Requirement {
  readonly needs: (spec: ComponentToggles) => boolean;
  readonly path: (string | number)[];
  readonly message: string;
  readonly hint: string;
}

const requirements: readonly Requirement[] = [
  {
    needs: (spec) => !spec.catalog.enabled || spec.storage.enabled,
    path: ['catalog', 'enabled'],
    message: 'the catalog requires storage, which is disabled',
    hint: 'enable spec.storage (Iceberg tables live in object storage) or disable spec.catalog',
  },
  {
    needs: (spec) => !spec.catalog.enabled || spec.catalog.type !== 'iceberg-rest' || !spec.storage.enabled || ['minio', 's3'].includes(spec.storage.type),
    path: ['catalog', 'type'],
    message: 'the iceberg-rest catalog stores its tables through S3FileIO: it needs storage of type minio or s3',
    hint: 'use spec.storage.type minio or s3, or spec.catalog.type polaris for gcs and adls',
  },
  {
    needs: (spec) => !spec.semantic.enabled || spec.catalog.enabled,
    path: ['semantic', 'enabled'],
    message: 'the semantic layer (Cube) requires the catalog, which is disabled',
    hint: 'enable spec.catalog (Cube queries the tables it serves) or disable spec.semantic',
  },
  {
    needs: (spec) => !spec.observability.grafana.enabled || spec.observability.prometheus.enabled,
    path: ['observability', 'grafana', 'enabled'],
    message: 'Grafana requires Prometheus, which is disabled',
    hint: 'set spec.observability.prometheus.enabled: true (it is Grafana\'s data source) or disable Grafana',
  },
];

/** Rejects components that are enabled while a component they need is disabled. */
export function checkComponentDependencies(spec: ComponentToggles, ctx: z.RefinementCtx): void {
  for (const requirement of requirements) {
    if (requirement.needs(spec)) continue;
    ctx.addIssue({
      code: 'custom',
      path: requirement.path,
      message: requirement.message,
      params: { rule: 'component-requires', hint: requirement.hint },
    });
  }
}
