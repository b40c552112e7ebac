import { z } from 'zod';

/** Limits on documents we parse from registries and archives (the OCI spec suggests 4 MiB). */
export const maxManifestBytes = 4 * 1024 * 1024;
export const maxConfigBytes = 8 * 1024 * 1024;

const digest = z.string().regex(/^(sha256:[a-f0-9]{64}|sha512:[a-f0-9]{128})$/, 'not a digest');

export const Platform = z.object({
  architecture: z.string().min(1),
  os: z.string().min(1),
  variant: z.string().optional(),
  'os.version': z.string().optional(),
});
export type Platform = z.infer<typeof Platform>;

export const Descriptor = z.object({
  mediaType: z.string(),
  digest,
  size: z.number().int().nonnegative(),
  urls: z.array(z.string()).optional(),
  annotations: z.record(z.string(), z.string()).optional(),
  platform: Platform.optional(),
});
export type Descriptor = z.infer<typeof Descriptor>;

export const ImageManifest = z.object({
  schemaVersion: z.literal(2),
  mediaType: z.string().optional(),
  config: Descriptor,
  layers: z.array(Descriptor).max(1000),
  annotations: z.record(z.string(), z.string()).optional(),
});
export type ImageManifest = z.infer<typeof ImageManifest>;

export const ImageIndex = z.object({
  schemaVersion: z.literal(2),
  mediaType: z.string().optional(),
  manifests: z.array(Descriptor).max(10000),
  annotations: z.record(z.string(), z.string()).optional(),
});
export type ImageIndex = z.infer<typeof ImageIndex>;

export const ImageConfig = z.object({
  architecture: z.string().optional(),
  os: z.string().optional(),
  variant: z.string().optional(),
  created: z.string().optional(),
  config: z
    .object({
      Env: z.array(z.string()).nullish(),
      Entrypoint: z.array(z.string()).nullish(),
      Cmd: z.array(z.string()).nullish(),
      User: z.string().optional(),
      WorkingDir: z.string().optional(),
      Labels: z.record(z.string(), z.string()).nullish(),
    })
    .loose()
    .nullish(),
  rootfs: z.object({
    type: z.literal('layers'),
    diff_ids: z.array(digest).max(1000),
  }),
  history: z
    .array(
      z
        .object({
          created: z.string().optional(),
          created_by: z.string().optional(),
          empty_layer: z.boolean().optional(),
          comment: z.string().optional(),
        })
        .loose()
    )
    .optional(),
});
export type ImageConfig = z.infer<typeof ImageConfig>;

/** `docker save` writes this `manifest.json` at the archive root. */
export const DockerArchiveManifest = z
  .array(
    z.object({
      Config: z.string(),
      RepoTags: z.array(z.string()).nullish(),
      Layers: z.array(z.string()).max(1000),
      LayerSources: z.record(z.string(), Descriptor).optional(),
    })
  )
  .min(1);
export type DockerArchiveManifest = z.infer<typeof DockerArchiveManifest>;

/** `oci-layout` and `index.json` at the root of an OCI image layout directory. */
export const OciLayout = z.object({ imageLayoutVersion: z.string() });
