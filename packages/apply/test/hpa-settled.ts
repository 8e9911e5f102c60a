import type { KubeObject, ResourceClient } from '@floe/kube';
import { eventually } from '@floe/local-cluster/testing';

/**
 * Waits until an HPA has reconciled its target once and the target has as
 * many available replicas as it asks for. A Deployment floe creates under an
 * HPA starts at Kubernetes' default of 1 replica; the HPA controller first
 * looks at a new HPA one sync period (15 s) after its creation, and only then
 * raises the Deployment to `minReplicas`. A test that checks readiness later
 * would otherwise meet that rescale at a moment set by the controller's clock.
 */
export async function untilHpaSettled(resources: ResourceClient, namespace: string, hpaName: string): Promise<void> {
  const hpa = await resources.get({ apiVersion: 'autoscaling/v2', kind: 'HorizontalPodAutoscaler', namespace, name: hpaName });
  if (!hpa) throw new Error(`no HorizontalPodAutoscaler ${namespace}/${hpaName}`);
  const target = (hpa['spec'] as { scaleTargetRef: { name: string }; minReplicas?: number }).scaleTargetRef.name;
  const minReplicas = (hpa['spec'] as { minReplicas?: number }).minReplicas ?? 1;
  await eventually(
    async () => ({
      hpa: await resources.get({ apiVersion: 'autoscaling/v2', kind: 'HorizontalPodAutoscaler', namespace, name: hpaName }),
      deployment: await resources.get({ apiVersion: 'apps/v1', kind: 'Deployment', namespace, name: target }),
    }),
    ({ hpa: live, deployment }: { hpa: KubeObject | undefined; deployment: KubeObject | undefined }) => {
      const reconciled = ((live?.['status'] as { conditions?: unknown[] } | undefined)?.conditions?.length ?? 0) > 0;
      const replicas = (deployment?.['spec'] as { replicas?: number } | undefined)?.replicas ?? 0;
      const available = (deployment?.['status'] as { availableReplicas?: number } | undefined)?.availableReplicas ?? 0;
      return reconciled && replicas >= minReplicas && available === replicas;
    },
    { timeoutMs: 60_000, intervalMs: 500, what: `the HPA ${hpaName} to reconcile ${target} once` },
  );
}
