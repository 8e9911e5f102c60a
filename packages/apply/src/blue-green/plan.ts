import type { KubeObject, ResourceClient } from '@floe/kube';
import { refOf } from '@floe/kube';
import { refKey } from '../inventory/apply-set.js';
import { blueGreenServiceOf, chooseColor, colorDeployment, coloredName, colorOf, colorService, isBlueGreenDeployment, retargetAutoscaler, type Color, type ColorChoice } from './colors.js';
import { scaleDownDelayOf } from './scale-down-delay.js';

/** One blue-green Deployment whose Services move to another colour in this deploy. */
export interface ColorSwitch {
  /** The new colour's Deployment, as applied. */
  readonly deployment: KubeObject;
  /** Its Services, selecting the new colour (applied once the new colour is Ready). */
  readonly services: readonly KubeObject[];
  readonly from: Color | undefined;
  readonly to: Color;
  /** The Deployment that served before (the old colour, or the uncoloured one of rolling upgrades): removed after the delay. */
  readonly retiring: string;
  /** Seconds the old Deployment keeps running once the EndpointSlices list only the new colour. */
  readonly scaleDownDelaySeconds: number;
}

/** How a deploy carries out blue-green upgrades. */
export interface BlueGreenPlan {
  /**
   * The desired objects as the phases apply them: each blue-green
   * Deployment as its target colour, its Services as they serve now (so the
   * references phase does not move them), HPAs at the target colour.
   */
  readonly objects: readonly KubeObject[];
  /** The same, with every Service at its target colour: the state after the deploy (what diff shows). */
  readonly final: readonly KubeObject[];
  /** The Services to switch once the new colours are Ready. */
  readonly switches: readonly ColorSwitch[];
  /**
   * Replicas for new colours of autoscaled Deployments (by ref key), so the
   * new colour starts as large as the HPA had made the old one.
   */
  readonly initialReplicas: ReadonlyMap<string, number>;
  readonly choices: ReadonlyMap<string, ColorChoice>;
}

/** The live Deployments and Services of the namespaces of blue-green objects (by `namespace/name`). */
export interface LiveObjects {
  readonly deployments: ReadonlyMap<string, KubeObject>;
  readonly services: ReadonlyMap<string, KubeObject>;
}

const key = (namespace: string | undefined, name: string) => `${namespace ?? ''}/${name}`;

/** Reads what `planBlueGreen` needs: the Deployments and Services of every namespace holding a blue-green Deployment. */
export async function readLiveObjects(resources: ResourceClient, desired: readonly KubeObject[]): Promise<LiveObjects> {
  const namespaces = [...new Set(desired.filter(isBlueGreenDeployment).map((object) => object.metadata.namespace ?? ''))];
  const deployments = new Map<string, KubeObject>();
  const services = new Map<string, KubeObject>();
  await Promise.all(namespaces.map(async (namespace) => {
    const [deploymentList, serviceList] = await Promise.all([
      resources.list('apps/v1', 'Deployment', { namespace }),
      resources.list('v1', 'Service', { namespace }),
    ]);
    for (const item of deploymentList.items) deployments.set(key(item.metadata.namespace, item.metadata.name), item);
    for (const item of serviceList.items) services.set(key(item.metadata.namespace, item.metadata.name), item);
  }));
  return { deployments, services };
}

/**
 * Plans the blue-green part of a deploy (pure: `live` is what the cluster
 * holds). Objects that are not blue-green pass through untouched, so a
 * platform upgraded `rolling` deploys exactly as rendered.
 */
export function planBlueGreen(desired: readonly KubeObject[], live: LiveObjects): BlueGreenPlan {
  const choices = new Map<string, ColorChoice>();
  const initialReplicas = new Map<string, number>();
  const switches: ColorSwitch[] = [];
  const deployments = desired.filter(isBlueGreenDeployment);
  const servicesOf = (deployment: KubeObject) => desired.filter((object) => blueGreenServiceOf(object) === deployment.metadata.name && object.metadata.namespace === deployment.metadata.namespace);
  const servingColor = new Map<string, Color | undefined>();
  const targetColor = new Map<string, Color>();
  for (const deployment of deployments) {
    const namespace = deployment.metadata.namespace;
    const name = deployment.metadata.name;
    const services = servicesOf(deployment);
    const liveServices = services.map((service) => live.services.get(key(namespace, service.metadata.name)));
    const liveColored = (color: Color) => live.deployments.get(key(namespace, `${name}-${color}`));
    const choice = chooseColor(deployment, { services: liveServices, blue: liveColored('blue'), green: liveColored('green') });
    choices.set(key(namespace, name), choice);
    targetColor.set(key(namespace, name), choice.target);
    const colored = colorDeployment(deployment, choice.target);
    // A Service that exists keeps selecting what it selects until the new colour is Ready; a new one starts at the target.
    services.forEach((service, index) => {
      const liveService = liveServices[index];
      servingColor.set(key(namespace, service.metadata.name), liveService ? colorOf(liveService) : choice.target);
    });
    const moving = services.filter((service) => servingColor.get(key(namespace, service.metadata.name)) !== choice.target);
    if (moving.length > 0) {
      switches.push({
        deployment: colored,
        services: moving.map((service) => colorService(service, choice.target)),
        from: choice.current,
        to: choice.target,
        retiring: choice.current ? coloredName(name, choice.current) : name,
        scaleDownDelaySeconds: scaleDownDelayOf(deployment),
      });
    }
    const autoscaled = (deployment['spec'] as { replicas?: number } | undefined)?.replicas === undefined;
    if (autoscaled && !choice.steady && !liveColored(choice.target)) {
      const serving = (choice.current ? liveColored(choice.current) : undefined) ?? live.deployments.get(key(namespace, name));
      const replicas = (serving?.['spec'] as { replicas?: number } | undefined)?.replicas;
      if (replicas !== undefined && replicas > 1) initialReplicas.set(refKey(refOf(colored)), replicas);
    }
  }
  const transform = (final: boolean) => desired.map((object) => {
    if (isBlueGreenDeployment(object)) return colorDeployment(object, targetColor.get(key(object.metadata.namespace, object.metadata.name))!);
    const of = blueGreenServiceOf(object);
    if (of !== undefined && targetColor.has(key(object.metadata.namespace, of))) {
      return colorService(object, final ? targetColor.get(key(object.metadata.namespace, of)) : servingColor.get(key(object.metadata.namespace, object.metadata.name)));
    }
    if (object.kind === 'HorizontalPodAutoscaler') {
      const target = (object['spec'] as { scaleTargetRef?: { kind?: string; name?: string } } | undefined)?.scaleTargetRef;
      const color = target?.kind === 'Deployment' && target.name ? targetColor.get(key(object.metadata.namespace, target.name)) : undefined;
      if (color && target?.name) return retargetAutoscaler(object, target.name, color);
    }
    return object;
  });
  return { objects: transform(false), final: transform(true), switches, initialReplicas, choices };
}
