import type { AuditEvent } from '../audit/event.js';
import { queryValues } from './access-request.js';

/**
 * An exec, attach or port-forward stream into a pod, from the event's object reference and the
 * query of `requestURI`, where kubectl puts `command=`, `container=`, `stdin=`, `tty=` and (over
 * WebSocket) `ports=`. Over SPDY the ports travel in stream headers and are not in the log.
 */
export interface PodStream {
  action: 'exec' | 'attach' | 'portforward';
  /** `kube-system/coredns-5d8f7`. */
  pod: string;
  namespace: string;
  container?: string;
  /** The command's arguments joined, those with spaces or quotes JSON-quoted; capped. */
  command?: string;
  /** Both stdin and a TTY: an interactive shell rather than one command. */
  interactive: boolean;
  ports?: string;
}

const maxCommand = 256;
const maxValue = 120;

function capped(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max)}…` : text;
}

/** `sh -c "cat /etc/shadow"`: each argument as typed, quoted where it would be ambiguous. */
export function joinCommand(args: readonly string[]): string {
  return capped(
    args.map((arg) => (arg === '' || /[\s"'\\]/.test(arg) ? JSON.stringify(arg) : arg)).join(' '),
    maxCommand
  );
}

export function podStreamOf(event: AuditEvent): PodStream | undefined {
  const ref = event.objectRef;
  const action = ref?.subresource;
  if (
    ref?.resource !== 'pods' ||
    (action !== 'exec' && action !== 'attach' && action !== 'portforward')
  ) {
    return undefined;
  }
  const namespace = ref.namespace ?? '';
  const name = ref.name ?? '(unnamed)';
  const stream: PodStream = {
    action,
    pod: capped(namespace !== '' ? `${namespace}/${name}` : name, maxValue * 2),
    namespace,
    interactive: flag(event, 'stdin') && flag(event, 'tty'),
  };
  const container = queryValues(event, 'container')[0];
  if (container !== undefined && container !== '') {
    stream.container = capped(container, maxValue);
  }
  const command = queryValues(event, 'command');
  if (action === 'exec' && command.length > 0) {
    stream.command = joinCommand(command);
  }
  const ports = queryValues(event, 'ports');
  if (action === 'portforward' && ports.length > 0) {
    stream.ports = capped(ports.join(', '), maxValue);
  }
  return stream;
}

function flag(event: AuditEvent, name: string): boolean {
  const value = queryValues(event, name)[0];
  return value === 'true' || value === '1';
}

/** `pod shop/web (container app)`. */
export function describePod(stream: PodStream): string {
  return `pod ${stream.pod}${stream.container !== undefined ? ` (container ${stream.container})` : ''}`;
}

/** The fields every exec, attach and port-forward alert carries. */
export function podStreamFields(stream: PodStream): Record<string, string> {
  const fields: Record<string, string> = { action: stream.action, pod: stream.pod };
  if (stream.container !== undefined) {
    fields['container'] = stream.container;
  }
  if (stream.command !== undefined) {
    fields['command'] = stream.command;
  }
  if (stream.ports !== undefined) {
    fields['ports'] = stream.ports;
  }
  fields['interactive'] = stream.interactive ? 'true' : 'false';
  return fields;
}

/**
 * `alice opened an interactive exec of `sh` in pod shop/web (container app)`, or attached to, or
 * port-forwarded.
 */
export function describeStream(actor: string, stream: PodStream): string {
  const pod = describePod(stream);
  if (stream.action === 'portforward') {
    return `${actor} port-forwarded to ${pod}${stream.ports !== undefined ? ` on ports ${stream.ports}` : ''}`;
  }
  if (stream.action === 'attach') {
    return `${actor} attached${stream.interactive ? ' interactively' : ''} to ${pod}`;
  }
  const command =
    stream.command !== undefined ? ` \`${stream.command}\`` : ' (no command in the log)';
  return `${actor} ran${command} in ${pod}${stream.interactive ? ' with an interactive TTY' : ''}`;
}
