import { z } from 'zod';
import { dnsLabel, dnsSubdomain } from '../kubernetes-types.js';
import { floeApiVersion, labels, platformName } from '../metadata.js';
import { catalog } from './catalog.js';
import { images } from './images.js';
import { jobs } from './jobs.js';
import { observability } from './observability.js';
import { orchestrator } from './orchestrator.js';
import { registry } from './registry.js';
import { semantic } from './semantic.js';
import { storage } from './storage.js';
import { checkComponentDependencies, componentToggleFields } from '../../rules/component-dependencies.js';
import { crossFieldRule } from '../../rules/cross-field-rule.js';
import { defaultPlatformNamespace } from '../../rules/dns-label.js';

const platformSpec = z
  .strictObject({
    namespaces: z
      .strictObject({
        platform: dnsLabel(63).default(defaultPlatformNamespace),
        jobs: dnsLabel(63).default('floe-jobs'),
      })
      .prefault({}),
    imagePullSecrets: z.array(z.strictObject({ name: dnsSubdomain })).default([]),
    images,
    orchestrator,
    catalog,
    semantic,
    observability,
    storage,
    registry,
    jobs,
    upgrades: z
      .strictObject({
        strategy: z.enum(['rolling', 'blue-green']).default('rolling'),
        blueGreen: z
          .strictObject({
            /**
             * How long the old colour keeps running after the Service's
             * EndpointSlices list only the new colour, before it is removed.
             * Every node's kube-proxy (and any ingress controller or cloud
             * load balancer) must first reprogram its rules from the new
             * EndpointSlices — kube-proxy batches syncs (min-sync-period 1 s)
             * and iptables-restore takes seconds on a busy node — and
             * connections already open to the old pods finish meanwhile.
             * 30 s as Argo Rollouts' scaleDownDelaySeconds; 0 removes the old
             * colour at once.
             */
            scaleDownDelaySeconds: z.int().min(0).max(3600).default(30),
          })
          .prefault({}),
      })
      .prefault({}),
    networkPolicies: z
      .strictObject({
        enabled: z.boolean().default(true),
        /**
         * Where the cluster's DNS pods are, for the egress rule every floe pod
         * gets. NetworkPolicies match the DNS pods' own port (after the
         * Service's DNAT): 53 for CoreDNS as kubeadm and kind run it, 5353 on
         * OpenShift; NodeLocal DNSCache needs its own labels.
         */
        dns: z
          .strictObject({
            namespace: dnsLabel(63).default('kube-system'),
            podLabels: z.record(z.string().min(1).max(317), z.string().max(63)).default({ 'k8s-app': 'kube-dns' }),
            ports: z.array(z.int().min(1).max(65535)).min(1).default([53]),
          })
          .prefault({}),
        /**
         * The API server's own port(s), for the egress rule of the pods that
         * call it (Dagster's daemon and webserver, run workers, Prometheus).
         * NetworkPolicies see the endpoint's port after the `kubernetes`
         * Service's DNAT, not 443: 6443 on kubeadm, kind and k3s, 443 on
         * most managed clusters, 8443 on minikube.
         */
        apiServer: z
          .strictObject({
            ports: z.array(z.int().min(1).max(65535)).min(1).default([443, 6443]),
          })
          .prefault({}),
      })
      .prefault({}),
  })
  .prefault({})
  .superRefine(...crossFieldRule(componentToggleFields, checkComponentDependencies));

/** `kind: Platform` — the long-lived services of Layer 3 and the defaults Layer 4 inherits. */
export const platformSchema = z.strictObject({
  apiVersion: floeApiVersion,
  kind: z.literal('Platform'),
  metadata: z.strictObject({
    name: platformName,
    environment: dnsLabel(30).default('dev'),
    labels,
  }),
  spec: platformSpec,
});

/** A validated Platform with every default applied. */
export type Platform = z.output<typeof platformSchema>;
/** A Platform as a user may write it (defaults optional). */
export type PlatformInput = z.input<typeof platformSchema>;
