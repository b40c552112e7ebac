import { describe, expect, it } from 'vitest';
import { credentialsIn, isCredentialName } from './workload-credentials.js';

describe('isCredentialName', () => {
  it('sees credential words in any spelling', () => {
    for (const name of [
      'DB_PASSWORD',
      'dbPassword',
      'smtp.passwd',
      'aws_secret_access_key',
      'SECRET_KEY',
      'api-key',
      'clientSecret',
      'ssh-passphrase',
    ]) {
      expect(isCredentialName(name), name).toBe(true);
    }
  });

  it('does not take names about a credential for one', () => {
    for (const name of [
      'password_file',
      'passwordSecretRef',
      'password-min-length',
      'password_reset_url',
      'log_level',
      'monkey',
      'tokenizer',
    ]) {
      expect(isCredentialName(name), name).toBe(false);
    }
  });
});

describe('credentialsIn', () => {
  it('finds a password-like key and names the key only', () => {
    const findings = credentialsIn({ data: { DB_PASSWORD: 'hunter2', DB_HOST: 'db.shop' } });
    expect(findings).toEqual([{ key: 'DB_PASSWORD', what: 'password-like key' }]);
    expect(JSON.stringify(findings)).not.toContain('hunter2');
  });

  it('finds AWS key IDs and private keys in values', () => {
    const findings = credentialsIn({
      data: {
        credentials: '[default]\naws_access_key_id = AKIAQ3EGVP2LKXHRJZ5N\n',
        id_rsa:
          '-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAA\n-----END OPENSSH PRIVATE KEY-----\n',
      },
    });
    expect(findings).toEqual([
      { key: 'credentials', what: 'AWS access key ID' },
      { key: 'id_rsa', what: 'private key' },
    ]);
  });

  it('finds password settings inside a config file', () => {
    const findings = credentialsIn({
      data: {
        'application.properties':
          'spring.datasource.url=jdbc:postgresql://db/shop\nspring.datasource.password=s3cr3t\n',
        'config.json': '{\n  "apiKey": "abc123",\n  "timeout": 30\n}',
      },
    });
    expect(findings).toEqual([
      { key: 'application.properties', what: 'setting spring.datasource.password' },
      { key: 'config.json', what: 'setting apiKey' },
    ]);
  });

  it('passes certificates, placeholders, masks and documentation keys', () => {
    const findings = credentialsIn({
      data: {
        'ca.crt':
          '-----BEGIN CERTIFICATE-----\nMIIC5zCCAc+gAwIBAgIBADANBgkqhkiG9w0BAQsFADAVMRMw\n-----END CERTIFICATE-----\n',
        DB_PASSWORD: '${DB_PASSWORD}',
        SMTP_PASSWORD: '',
        'app.yaml': 'password: "{{ .Values.password }}"\npasswordFile: /run/secrets/pw\n',
        example: 'aws_access_key_id = AKIAIOSFODNN7EXAMPLE',
        REDIS_PASSWORD: '********',
      },
    });
    expect(findings).toEqual([]);
  });

  it('reads binaryData for keys and PEM headers', () => {
    const pem = Buffer.from('-----BEGIN RSA PRIVATE KEY-----\nMIIE\n').toString('base64');
    expect(credentialsIn({ binaryData: { 'tls.key': pem, 'logo.png': 'iVBORw0KGgo=' } })).toEqual([
      { key: 'tls.key', what: 'private key' },
    ]);
  });

  it('gives nothing for strange shapes', () => {
    expect(credentialsIn({ data: 'x' })).toEqual([]);
    expect(credentialsIn({ data: { PASSWORD: 7 }, binaryData: [1] })).toEqual([]);
  });
});
