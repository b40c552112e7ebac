import { isRecord } from '../../core/is-record.js';

/**
 * Credentials written into a ConfigMap, where every reader of the namespace's ConfigMaps (and
 * every `kubectl describe`) sees them. What is found is named by its key, and by the setting
 * name inside a config file; a value never leaves this file.
 */

export interface CredentialFinding {
  /** The ConfigMap key (`DB_PASSWORD`, `application.properties`). */
  key: string;
  /** `AWS access key ID`, `private key`, `password-like key`, `setting spring.datasource.password`. */
  what: string;
}

/** Words that make a key or setting name a credential, compared without case or separators. */
const credentialWords: readonly string[] = [
  'password',
  'passwd',
  'passphrase',
  'secretkey',
  'secretaccesskey',
  'clientsecret',
  'apisecret',
  'privatekey',
  'apikey',
  'accesstoken',
  'authtoken',
  'bearertoken',
];

/**
 * Last words that make the name about a credential rather than one: `password_file`,
 * `passwordSecretRef`, `password-min-length`, `password_reset_url`.
 */
const aboutWords: ReadonlySet<string> = new Set([
  'file',
  'path',
  'dir',
  'ref',
  'name',
  'policy',
  'length',
  'len',
  'enabled',
  'required',
  'regex',
  'pattern',
  'hint',
  'field',
  'env',
  'var',
  'type',
  'mode',
  'url',
  'ttl',
  'expiry',
  'age',
  'rotation',
]);

const credentialStems = /pass|secret|private|api|token/i;

const awsKeyId = /\b(?:AKIA|ASIA)[A-Z0-9]{16}\b/g;
const privateKeyHeader = /-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----/;
/** `name = value`, `name: value`, `"name": "value",`, `export NAME=value`. */
const settingLine = /^\s*(?:export\s+)?["']?([A-Za-z0-9_.\-[\]]{1,128})["']?\s*[:=]\s*(.*)$/;

const maxKeys = 4096;
/** A ConfigMap holds at most 1 MiB; a body larger than that is not read past it. */
const maxScanned = 1024 * 1024;
const maxLines = 20_000;

/** Whether a credential word appears anywhere, separators ignored: the gate before line reading. */
function mentionsCredential(text: string): boolean {
  // Every credential word holds one of these stems whatever its separators: a cheap first look.
  if (!credentialStems.test(text)) {
    return false;
  }
  const compact = text.toLowerCase().replace(/[^a-z0-9]+/g, '');
  return credentialWords.some((word) => compact.includes(word));
}

/** `DB_PASSWORD`, `dbPassword`, `db.password` → `['db', 'password']`. */
function wordsOf(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((word) => word !== '');
}

export function isCredentialName(name: string): boolean {
  const words = wordsOf(name);
  const last = words[words.length - 1];
  if (last === undefined || aboutWords.has(last)) {
    return false;
  }
  const compact = words.join('');
  return credentialWords.some((word) => compact.includes(word));
}

/** Not empty, a placeholder (`${DB_PASSWORD}`, `{{ .pw }}`, `<password>`), a mask or a switch. */
function isRealValue(raw: string): boolean {
  const value = raw
    .trim()
    .replace(/,$/, '')
    .replace(/^["']|["']$/g, '')
    .trim();
  return !(
    value === '' ||
    /^\$\{.*\}$|^\$\(.*\)$|^\{\{.*\}\}$|^<.*>$/.test(value) ||
    /^[*x.]+$/i.test(value) ||
    /^(?:null|none|nil|true|false|~)$/i.test(value)
  );
}

/** The AWS documentation's keys end in `EXAMPLE`; they open doors nowhere. */
function hasAwsKeyId(text: string): boolean {
  if (!text.includes('AKIA') && !text.includes('ASIA')) {
    return false;
  }
  for (const match of text.matchAll(awsKeyId)) {
    if (!match[0].endsWith('EXAMPLE')) {
      return true;
    }
  }
  return false;
}

function settingsIn(text: string): string[] {
  if (!mentionsCredential(text)) {
    return [];
  }
  const names: string[] = [];
  const lines = text.split('\n', maxLines);
  for (const line of lines) {
    const match = settingLine.exec(line);
    const name = match?.[1];
    if (name !== undefined && isCredentialName(name) && isRealValue(match?.[2] ?? '')) {
      names.push(name);
    }
  }
  return names;
}

function judgeText(key: string, text: string, findings: CredentialFinding[]): void {
  if (hasAwsKeyId(text)) {
    findings.push({ key, what: 'AWS access key ID' });
  }
  if (text.includes('PRIVATE KEY') && privateKeyHeader.test(text)) {
    findings.push({ key, what: 'private key' });
  }
}

/** What in a ConfigMap's `data` and `binaryData` looks like a credential. */
export function credentialsIn(configMap: Record<string, unknown>): CredentialFinding[] {
  const findings: CredentialFinding[] = [];
  let budget = maxScanned;
  const data = configMap['data'];
  for (const [key, value] of isRecord(data) ? Object.entries(data).slice(0, maxKeys) : []) {
    if (typeof value !== 'string' || budget <= 0) {
      continue;
    }
    const text = value.slice(0, budget);
    budget -= text.length;
    if (isCredentialName(key) && !text.includes('\n') && isRealValue(text)) {
      findings.push({ key, what: 'password-like key' });
    }
    judgeText(key, text, findings);
    for (const setting of settingsIn(text)) {
      findings.push({ key, what: `setting ${setting}` });
    }
  }
  const binary = configMap['binaryData'];
  for (const [key, value] of isRecord(binary) ? Object.entries(binary).slice(0, maxKeys) : []) {
    if (typeof value !== 'string' || budget <= 0) {
      continue;
    }
    const text = Buffer.from(value.slice(0, budget), 'base64').toString('latin1');
    budget -= value.length;
    if (isCredentialName(key)) {
      findings.push({ key, what: 'password-like key' });
    }
    judgeText(key, text, findings);
  }
  return findings;
}
