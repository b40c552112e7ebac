import { execFile } from 'node:child_process';

/** Runs a tool the harness needs; a missing tool names the Debian package to install. */
export function run(
  command: string,
  args: readonly string[],
  options: { input?: string; env?: NodeJS.ProcessEnv; cwd?: string } = {}
): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = execFile(
      command,
      [...args],
      { maxBuffer: 256 * 1024 * 1024, env: options.env ?? process.env, cwd: options.cwd },
      (error, stdout, stderr) => {
        if (error) {
          const missing = (error as NodeJS.ErrnoException).code === 'ENOENT';
          reject(
            new Error(
              missing
                ? `${command} is not installed; .ci/run installs it (apt-get install ${packageOf(command)})`
                : `${command} ${args.join(' ')} failed: ${stderr.trim() || error.message}`
            )
          );
          return;
        }
        resolve(stdout);
      }
    );
    if (options.input !== undefined) {
      child.stdin?.end(options.input);
    }
  });
}

function packageOf(command: string): string {
  const packages: Record<string, string> = {
    'docker-registry': 'docker-registry',
    umoci: 'umoci',
    skopeo: 'skopeo',
    debootstrap: 'debootstrap',
    zstd: 'zstd',
    htpasswd: 'apache2-utils',
    rpm: 'rpm',
    rpmbuild: 'rpm',
    go: 'golang-go',
    jar: 'default-jdk-headless',
    gcc: 'gcc',
    objcopy: 'binutils',
    readelf: 'binutils',
    'dpkg-deb': 'dpkg',
  };
  return packages[command] ?? command;
}
