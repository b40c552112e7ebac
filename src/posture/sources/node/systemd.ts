import type { KubeletFlag } from '../../snapshot/node.js';
import { existsInRoot, listNodeDir, readNodeText } from './files.js';

/**
 * Unit directories, highest precedence first: a unit file in an earlier one hides the later
 * ones, and a drop-in of the same name in an earlier one replaces the later one. Bottlerocket
 * keeps its units under its sys-root.
 */
export const unitDirectories = [
  '/etc/systemd/system',
  '/run/systemd/system',
  '/usr/lib/systemd/system',
  '/lib/systemd/system',
  '/x86_64-bottlerocket-linux-gnu/sys-root/usr/lib/systemd/system',
  '/aarch64-bottlerocket-linux-gnu/sys-root/usr/lib/systemd/system',
];

const unitName = 'kubelet.service';

/** The kubelet's command line as its unit states it, with the files read on the way. */
export interface KubeletCommand {
  units: string[];
  flags: KubeletFlag[];
  notes: string[];
}

/** One word of `ExecStart=` after expansion, with the file that wrote it. */
interface Word {
  text: string;
  origin: string;
}

interface Assignment {
  value: string;
  origin: string;
}

/**
 * Reads the kubelet unit and its drop-ins as systemd would combine them: the last `ExecStart=`
 * (an empty one resets), `Environment=` then `EnvironmentFile=` variables (a file's win), and
 * `$VAR` / `${VAR}` expanded in the command line. Returns no flags when no unit is found.
 */
export async function readKubeletCommand(root: string): Promise<KubeletCommand> {
  const notes: string[] = [];
  const files = await unitFiles(root);
  const units: string[] = [];
  let execStart: { line: string; origin: string } | undefined;
  const environment: Assignment[] = [];
  const environmentFiles: { path: string; optional: boolean; origin: string }[] = [];
  for (const file of files) {
    const read = await readNodeText(root, file);
    if (!read.ok) {
      notes.push(`kubelet unit: ${read.problem}`);
      continue;
    }
    units.push(file);
    for (const { key, value } of serviceSettings(read.text)) {
      if (key === 'ExecStart') {
        execStart = value.trim() === '' ? undefined : { line: value, origin: file };
      } else if (key === 'Environment') {
        if (value.trim() === '') {
          environment.length = 0;
        }
        for (const word of splitWords(value)) {
          environment.push({ value: word, origin: file });
        }
      } else if (key === 'EnvironmentFile') {
        if (value.trim() === '') {
          environmentFiles.length = 0;
        }
        for (const word of splitWords(value)) {
          const optional = word.startsWith('-');
          environmentFiles.push({ path: optional ? word.slice(1) : word, optional, origin: file });
        }
      }
    }
  }
  if (units.length === 0) {
    return { units, flags: [], notes };
  }
  const variables = new Map<string, Assignment>();
  for (const assignment of environment) {
    assign(variables, assignment);
  }
  for (const file of environmentFiles) {
    const read = await readNodeText(root, file.path);
    if (!read.ok) {
      if (!file.optional) {
        notes.push(`kubelet EnvironmentFile (in ${file.origin}): ${read.problem}`);
      }
      continue;
    }
    units.push(file.path);
    for (const line of environmentLines(read.text)) {
      assign(variables, { value: line, origin: file.path });
    }
  }
  if (execStart === undefined) {
    notes.push(`kubelet unit: no ExecStart= in ${units.join(', ')}`);
    return { units, flags: [], notes };
  }
  const words = expand(execStart.line, execStart.origin, variables);
  return { units, flags: flagsOf(words.slice(1)), notes };
}

/** The unit file that wins, then its drop-ins in name order (same name: the earlier dir wins). */
async function unitFiles(root: string): Promise<string[]> {
  const files: string[] = [];
  for (const directory of unitDirectories) {
    const path = `${directory}/${unitName}`;
    if (await existsInRoot(root, path)) {
      files.push(path);
      break;
    }
  }
  const dropIns = new Map<string, string>();
  for (const directory of unitDirectories) {
    const dir = `${directory}/${unitName}.d`;
    for (const name of (await listNodeDir(root, dir)) ?? []) {
      if (name.endsWith('.conf') && !dropIns.has(name)) {
        dropIns.set(name, `${dir}/${name}`);
      }
    }
  }
  const names = [...dropIns.keys()].sort();
  return [...files, ...names.map((name) => dropIns.get(name) as string)];
}

/** `Key=value` settings of the `[Service]` section, continuation lines joined. */
function serviceSettings(text: string): { key: string; value: string }[] {
  const settings: { key: string; value: string }[] = [];
  let section = '';
  let pending = '';
  for (const raw of text.split(/\r?\n/)) {
    const trimmed = raw.trim();
    // Comment lines are skipped, inside a continuation too, as systemd does.
    if (trimmed.startsWith('#') || trimmed.startsWith(';')) {
      continue;
    }
    if (trimmed.endsWith('\\')) {
      pending += trimmed.slice(0, -1) + ' ';
      continue;
    }
    const line = pending + trimmed;
    pending = '';
    if (line.startsWith('[') && line.endsWith(']')) {
      section = line.slice(1, -1);
      continue;
    }
    const equals = line.indexOf('=');
    if (section !== 'Service' || equals <= 0) {
      continue;
    }
    settings.push({ key: line.slice(0, equals).trim(), value: line.slice(equals + 1).trim() });
  }
  return settings;
}

/** `KEY=value` lines of an environment file, quotes removed. */
function environmentLines(text: string): string[] {
  const lines: string[] = [];
  let pending = '';
  for (const raw of text.split(/\r?\n/)) {
    const trimmed = raw.trim();
    if (pending === '' && (trimmed === '' || trimmed.startsWith('#') || trimmed.startsWith(';'))) {
      continue;
    }
    if (trimmed.endsWith('\\')) {
      pending += trimmed.slice(0, -1);
      continue;
    }
    const line = pending + trimmed;
    pending = '';
    const equals = line.indexOf('=');
    if (equals <= 0) {
      continue;
    }
    const key = line.slice(0, equals).trim();
    let value = line.slice(equals + 1).trim();
    const quote = value[0];
    if ((quote === '"' || quote === "'") && value.length >= 2 && value.endsWith(quote)) {
      value = value.slice(1, -1);
    }
    lines.push(`${key}=${value}`);
  }
  return lines;
}

function assign(variables: Map<string, Assignment>, { value, origin }: Assignment): void {
  const equals = value.indexOf('=');
  if (equals > 0) {
    variables.set(value.slice(0, equals), { value: value.slice(equals + 1), origin });
  }
}

/**
 * Splits a systemd value into words: whitespace separates, single and double quotes group,
 * a backslash escapes the next character. Returns each word with whether it was quoted.
 */
function splitWordsDetailed(value: string): { text: string; quoted: boolean }[] {
  const words: { text: string; quoted: boolean }[] = [];
  let current = '';
  let inWord = false;
  let quoted = false;
  let quote: string | undefined;
  for (let index = 0; index < value.length; index += 1) {
    const char = value[index] as string;
    if (quote !== undefined) {
      if (char === '\\' && index + 1 < value.length) {
        index += 1;
        current += value[index] ?? '';
      } else if (char === quote) {
        quote = undefined;
      } else {
        current += char;
      }
      continue;
    }
    if (char === '"' || char === "'") {
      quote = char;
      inWord = true;
      quoted = true;
    } else if (char === '\\' && index + 1 < value.length) {
      index += 1;
      current += value[index] ?? '';
      inWord = true;
    } else if (/\s/.test(char)) {
      if (inWord) {
        words.push({ text: current, quoted });
      }
      current = '';
      inWord = false;
      quoted = false;
    } else {
      current += char;
      inWord = true;
    }
  }
  if (inWord) {
    words.push({ text: current, quoted });
  }
  return words;
}

export function splitWords(value: string): string[] {
  return splitWordsDetailed(value).map(({ text }) => text);
}

/**
 * The words of an `ExecStart=` line, prefixes (`-@+!:`) dropped. A word that is exactly
 * `$NAME` becomes the variable's value split at whitespace (absent: no words); `${NAME}` and
 * `$NAME` inside a word are replaced in place. Each word keeps the file that wrote it.
 */
function expand(line: string, origin: string, variables: Map<string, Assignment>): Word[] {
  const words: Word[] = [];
  const parts = splitWordsDetailed(line);
  const first = parts[0];
  if (first !== undefined) {
    first.text = first.text.replace(/^[-@+!:]+/, '');
  }
  for (const part of parts) {
    const whole = /^\$(\w+)$/.exec(part.text);
    if (whole && !part.quoted) {
      const variable = variables.get(whole[1] as string);
      for (const text of variable === undefined ? [] : splitWords(variable.value)) {
        words.push({ text, origin: variable?.origin ?? origin });
      }
      continue;
    }
    let wordOrigin = origin;
    const text = part.text.replace(
      /\$\{(\w+)\}|\$(\w+)/g,
      (_match, braced?: string, bare?: string) => {
        const variable = variables.get((braced ?? bare) as string);
        if (variable !== undefined) {
          wordOrigin = variable.origin;
        }
        return variable?.value ?? '';
      }
    );
    // An unquoted word that expanded to nothing is dropped; `""` stays an (empty) argument.
    if (text !== '' || part.quoted) {
      words.push({ text, origin: wordOrigin });
    }
  }
  return words;
}

/**
 * Kubelet boolean flags: these never take the next word as their value (`--flag false` is
 * not how pflag reads a boolean; only `--flag=false` is).
 */
const booleanFlags = new Set([
  'anonymous-auth',
  'authentication-token-webhook',
  'make-iptables-util-chains',
  'rotate-certificates',
  'rotate-server-certificates',
  'protect-kernel-defaults',
  'fail-swap-on',
  'register-node',
  'serialize-image-pulls',
  'enable-server',
  'enable-debugging-handlers',
  'enable-controller-attach-detach',
  'cgroups-per-qos',
  'exit-on-lock-contention',
  'kernel-memcg-notification',
  'keep-terminated-pod-volumes',
  'logtostderr',
  'alsologtostderr',
  'one-output',
  'skip-headers',
  'skip-log-headers',
  'add-dir-header',
  'help',
  'version',
  'fail-cgroupv1',
  'local-storage-capacity-isolation',
  'seccomp-default',
  'enable-load-reader',
  'containerized',
]);

/** Flags of a kubelet command line (words after the binary), in order. */
export function flagsOf(words: readonly Word[]): KubeletFlag[] {
  const flags: KubeletFlag[] = [];
  for (let index = 0; index < words.length; index += 1) {
    const word = words[index] as Word;
    const match = /^--?([A-Za-z0-9][\w.-]*)(?:=(.*))?$/s.exec(word.text);
    if (!match) {
      continue;
    }
    const name = match[1] as string;
    const inline = match[2];
    if (inline !== undefined) {
      flags.push({ name, value: inline, origin: word.origin });
      continue;
    }
    const next = words[index + 1];
    if (!booleanFlags.has(name) && next !== undefined && !next.text.startsWith('-')) {
      // A value expanded from a variable was written where the variable was.
      flags.push({ name, value: next.text, origin: next.origin });
      index += 1;
      continue;
    }
    flags.push({ name, origin: word.origin });
  }
  return flags;
}
