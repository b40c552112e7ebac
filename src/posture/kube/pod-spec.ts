import { z } from 'zod';

/**
 * The parts of a pod spec the checks read, as the Kubernetes API writes them (camelCase JSON).
 * Loose objects: unknown fields pass through untouched, known ones must have their API type,
 * so a check never meets a string where the API has a boolean.
 */
const Capabilities = z.looseObject({
  add: z.array(z.string()).optional(),
  drop: z.array(z.string()).optional(),
});

const SeccompProfile = z.looseObject({
  type: z.string().optional(),
  localhostProfile: z.string().optional(),
});
const AppArmorProfile = z.looseObject({
  type: z.string().optional(),
  localhostProfile: z.string().optional(),
});
const SeLinuxOptions = z.looseObject({
  user: z.string().optional(),
  role: z.string().optional(),
  type: z.string().optional(),
  level: z.string().optional(),
});
const WindowsOptions = z.looseObject({ hostProcess: z.boolean().optional() });

export const SecurityContext = z.looseObject({
  privileged: z.boolean().optional(),
  allowPrivilegeEscalation: z.boolean().optional(),
  readOnlyRootFilesystem: z.boolean().optional(),
  runAsNonRoot: z.boolean().optional(),
  runAsUser: z.number().int().optional(),
  runAsGroup: z.number().int().optional(),
  capabilities: Capabilities.optional(),
  seccompProfile: SeccompProfile.optional(),
  appArmorProfile: AppArmorProfile.optional(),
  seLinuxOptions: SeLinuxOptions.optional(),
  windowsOptions: WindowsOptions.optional(),
  procMount: z.string().optional(),
});

export const PodSecurityContext = z.looseObject({
  runAsNonRoot: z.boolean().optional(),
  runAsUser: z.number().int().optional(),
  runAsGroup: z.number().int().optional(),
  fsGroup: z.number().int().optional(),
  seccompProfile: SeccompProfile.optional(),
  appArmorProfile: AppArmorProfile.optional(),
  seLinuxOptions: SeLinuxOptions.optional(),
  windowsOptions: WindowsOptions.optional(),
  sysctls: z.array(z.looseObject({ name: z.string(), value: z.string().optional() })).optional(),
});

const Handler = z.looseObject({
  httpGet: z.looseObject({ host: z.string().optional() }).optional(),
  tcpSocket: z.looseObject({ host: z.string().optional() }).optional(),
});

const ResourceList = z.record(z.string(), z.union([z.string(), z.number()]));

export const Container = z.looseObject({
  name: z.string(),
  image: z.string().optional(),
  securityContext: SecurityContext.optional(),
  ports: z
    .array(
      z.looseObject({
        containerPort: z.number().int().optional(),
        hostPort: z.number().int().optional(),
        hostIP: z.string().optional(),
        protocol: z.string().optional(),
        name: z.string().optional(),
      })
    )
    .optional(),
  resources: z
    .looseObject({ limits: ResourceList.optional(), requests: ResourceList.optional() })
    .optional(),
  livenessProbe: Handler.optional(),
  readinessProbe: Handler.optional(),
  startupProbe: Handler.optional(),
  lifecycle: z
    .looseObject({ postStart: Handler.optional(), preStop: Handler.optional() })
    .optional(),
  env: z
    .array(
      z.looseObject({
        name: z.string(),
        valueFrom: z
          .looseObject({
            secretKeyRef: z
              .looseObject({ name: z.string().optional(), key: z.string() })
              .optional(),
          })
          .optional(),
      })
    )
    .optional(),
  envFrom: z
    .array(z.looseObject({ secretRef: z.looseObject({ name: z.string().optional() }).optional() }))
    .optional(),
  volumeMounts: z
    .array(
      z.looseObject({ name: z.string(), mountPath: z.string(), readOnly: z.boolean().optional() })
    )
    .optional(),
});

export const Volume = z.looseObject({
  name: z.string(),
  hostPath: z.looseObject({ path: z.string(), type: z.string().optional() }).optional(),
});

export const PodSpec = z.looseObject({
  containers: z.array(Container),
  initContainers: z.array(Container).optional(),
  ephemeralContainers: z.array(Container).optional(),
  volumes: z.array(Volume).optional(),
  hostNetwork: z.boolean().optional(),
  hostPID: z.boolean().optional(),
  hostIPC: z.boolean().optional(),
  hostUsers: z.boolean().optional(),
  securityContext: PodSecurityContext.optional(),
  serviceAccountName: z.string().optional(),
  /** Deprecated alias of `serviceAccountName`, still honoured by the API when that is unset. */
  serviceAccount: z.string().optional(),
  automountServiceAccountToken: z.boolean().optional(),
  nodeName: z.string().optional(),
  os: z.looseObject({ name: z.string() }).optional(),
});

export type SecurityContext = z.infer<typeof SecurityContext>;
export type PodSecurityContext = z.infer<typeof PodSecurityContext>;
export type Container = z.infer<typeof Container>;
export type Volume = z.infer<typeof Volume>;
export type PodSpec = z.infer<typeof PodSpec>;
