import { isRecord } from '../../../core/is-record.js';
import type { z } from 'zod';
import { InputError } from '../../../core/errors.js';
import type { EcrRepository, EksAddon, EksCluster, EksNodegroup } from '../../snapshot/eks.js';
import { Addon, Cluster, Nodegroup, Repository } from './schema.js';

/**
 * From parsed AWS CLI JSON to the snapshot's shapes. Each accepts what the CLI prints
 * (`{"cluster": {...}}`) or the bare inner object; an error names the file and the field.
 */
export function clusterOf(value: unknown, file: string): EksCluster {
  return read(Cluster, value, 'cluster', file, 'an EKS cluster (aws eks describe-cluster)');
}

export function nodegroupOf(value: unknown, file: string): EksNodegroup {
  return read(
    Nodegroup,
    value,
    'nodegroup',
    file,
    'an EKS node group (aws eks describe-nodegroup)'
  );
}

export function addonOf(value: unknown, file: string): EksAddon {
  return read(Addon, value, 'addon', file, 'an EKS add-on (aws eks describe-addon)');
}

/** `{"repositories": [...]}`, a bare array of repositories, or one repository object. */
export function repositoriesOf(value: unknown, file: string): EcrRepository[] {
  const what = 'ECR repositories (aws ecr describe-repositories)';
  let list: unknown[];
  let prefix: (string | number)[];
  if (Array.isArray(value)) {
    [list, prefix] = [value, []];
  } else if (isRecord(value) && Object.hasOwn(value, 'repositories')) {
    if (!Array.isArray(value.repositories)) {
      throw new InputError(`${file} is not ${what}: repositories: expected an array`);
    }
    [list, prefix] = [value.repositories, ['repositories']];
  } else {
    [list, prefix] = [[value], []];
  }
  return list.map((item, index) =>
    check(
      Repository,
      item,
      Array.isArray(value) || prefix.length > 0 ? [...prefix, index] : [],
      file,
      what
    )
  );
}

function read<T extends z.ZodType>(
  schema: T,
  value: unknown,
  wrapper: string,
  file: string,
  what: string
): z.infer<T> {
  if (isRecord(value) && Object.hasOwn(value, wrapper)) {
    return check(schema, value[wrapper], [wrapper], file, what);
  }
  return check(schema, value, [], file, what);
}

function check<T extends z.ZodType>(
  schema: T,
  value: unknown,
  prefix: readonly (string | number)[],
  file: string,
  what: string
): z.infer<T> {
  const result = schema.safeParse(value);
  if (result.success) {
    return result.data;
  }
  const problems = result.error.issues
    .slice(0, 3)
    .map((issue) => {
      const path = [...prefix, ...issue.path.map(String)];
      return `${path.length > 0 ? path.join('.') : '(root)'}: ${issue.message}`;
    })
    .join('; ');
  throw new InputError(`${file} is not ${what}: ${problems}`);
}
