import type { Check } from '../../check/types.js';
import { allContainers, type PodTemplate } from '../../kube/workloads.js';
import { imageRepository, underPrefix } from './image-references.js';
import { containerLabel, perTemplate, type Verdict } from './templates.js';

export interface TrustedRegistriesOptions {
  /**
   * Registry prefixes images may come from, matched against the fully qualified repository at a
   * path boundary: `123456789012.dkr.ecr.eu-west-1.amazonaws.com`, `ghcr.io/my-org`,
   * `docker.io/library`. Default: none, and then every template is `manual`, listing its images.
   */
  registries?: readonly string[];
}

function judge(template: PodTemplate, registries: readonly string[]): Verdict {
  const containers = allContainers(template.spec).map(({ container, list }) => ({
    label: containerLabel(list, container.name),
    image: container.image,
  }));
  const missing = containers.filter(({ image }) => image === undefined || image.trim() === '');
  const images = containers.flatMap(({ label, image }) =>
    image === undefined || image.trim() === '' ? [] : [{ label, image }]
  );
  const missingText = missing.map(({ label }) => `${label}: no image is set`);
  if (registries.length === 0) {
    return {
      status: 'manual',
      reason: [
        `no trusted registries are configured; images: ${images.length > 0 ? images.map(({ label, image }) => `${label}: ${image}`).join(', ') : 'none'}`,
        ...missingText,
      ].join('; '),
    };
  }
  const untrusted = images
    .filter(
      ({ image }) => !registries.some((prefix) => underPrefix(imageRepository(image), prefix))
    )
    .map(({ label, image }) => `${label}: image ${image} is not from a trusted registry`);
  if (untrusted.length > 0) {
    return { status: 'fail', reason: [...untrusted, ...missingText].join('; ') };
  }
  if (missing.length > 0) {
    return { status: 'manual', reason: missingText.join('; ') };
  }
  return {
    status: 'pass',
    reason: `every image comes from a trusted registry (${registries.join(', ')})`,
  };
}

/**
 * Every image of every container (regular, init, ephemeral) comes from a configured registry
 * prefix. With none configured the check cannot decide and reports `manual` with the images it
 * saw; a container without an image makes a template `manual` unless another one already fails.
 */
export function trustedRegistriesCheck(options: TrustedRegistriesOptions = {}): Check {
  const registries = [...(options.registries ?? [])];
  return {
    id: 'defender-trusted-registries',
    title: 'Container images should be deployed from trusted registries only',
    severity: 'high',
    controls: [
      {
        framework: 'defender',
        id: 'container-images-should-be-deployed-from-trusted-registries-only',
      },
      { framework: 'cis-eks-1.8.0', id: '5.1.4' },
    ],
    remediation:
      'Pull images only from the registries you trust (mirror public images into them) and list those registries in the configuration.',
    run: (snapshot) => perTemplate(snapshot, (template) => judge(template, registries)),
  };
}

export const check: Check = trustedRegistriesCheck();
