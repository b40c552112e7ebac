import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../../core/errors.js';
import { analyzer } from './index.js';

const sha512 = (text: string): string =>
  `sha512-${createHash('sha512').update(text).digest('base64')}`;

/** Shaped like the deps file `dotnet publish` writes for a net8.0 app. */
const depsJson = {
  runtimeTarget: { name: '.NETCoreApp,Version=v8.0', signature: '' },
  compilationOptions: {},
  targets: {
    '.NETCoreApp,Version=v8.0': {
      'App/1.0.0': {
        dependencies: { 'Newtonsoft.Json': '13.0.1', 'Shared.Lib': '1.0.0' },
        runtime: { 'App.dll': {} },
      },
      'Newtonsoft.Json/13.0.1': {
        runtime: {
          'lib/netstandard2.0/Newtonsoft.Json.dll': {
            assemblyVersion: '13.0.0.0',
            fileVersion: '13.0.1.25517',
          },
        },
      },
      'System.Text.Encodings.Web/4.7.1': {
        runtime: { 'lib/netstandard2.1/System.Text.Encodings.Web.dll': {} },
      },
      'Shared.Lib/1.0.0': { runtime: { 'Shared.Lib.dll': {} } },
    },
  },
  libraries: {
    'App/1.0.0': { type: 'project', serviceable: false, sha512: '' },
    'Newtonsoft.Json/13.0.1': {
      type: 'package',
      serviceable: true,
      sha512: sha512('Newtonsoft.Json'),
      path: 'newtonsoft.json/13.0.1',
      hashPath: 'newtonsoft.json.13.0.1.nupkg.sha512',
    },
    'System.Text.Encodings.Web/4.7.1': {
      type: 'package',
      serviceable: true,
      sha512: sha512('System.Text.Encodings.Web'),
      path: 'system.text.encodings.web/4.7.1',
      hashPath: 'system.text.encodings.web.4.7.1.nupkg.sha512',
    },
    'Shared.Lib/1.0.0': { type: 'project', serviceable: false, sha512: '' },
    'Legacy.Assembly/2.0.0.0': { type: 'reference', serviceable: false, sha512: '' },
  },
};

async function analyze(content: string, path = 'app/App.deps.json'): Promise<unknown> {
  return analyzer.analyze({ path, content: Buffer.from(content) });
}

describe('dotnet analyzer', () => {
  it('wants *.deps.json files anywhere', () => {
    expect(analyzer.wants('app/App.deps.json')).toBe(true);
    expect(
      analyzer.wants(
        'usr/share/dotnet/shared/Microsoft.NETCore.App/8.0.0/Microsoft.NETCore.App.deps.json'
      )
    ).toBe(true);
    expect(analyzer.wants('app/.deps.json')).toBe(false);
    expect(analyzer.wants('app/App.runtimeconfig.json')).toBe(false);
    expect(analyzer.wants('app/App.deps.json.bak')).toBe(false);
  });

  it('reports the NuGet packages, as the ids are written, and skips projects and references', async () => {
    expect(await analyze(JSON.stringify(depsJson))).toEqual({
      packages: [
        { type: 'nuget', name: 'Newtonsoft.Json', version: '13.0.1', licenses: [] },
        { type: 'nuget', name: 'System.Text.Encodings.Web', version: '4.7.1', licenses: [] },
      ],
    });
  });

  it('keeps prerelease versions and notes a key that is not Id/Version, keeping the rest', async () => {
    const libraries = {
      'Pre.Release/2.0.0-preview.3+build.7': { type: 'package' },
      NoVersion: { type: 'package' },
      'Too/Many/Parts': { type: 'package' },
      'Bad Id/1.0': { type: 'package' },
    };

    expect(await analyze(JSON.stringify({ libraries }))).toEqual({
      packages: [
        { type: 'nuget', name: 'Pre.Release', version: '2.0.0-preview.3+build.7', licenses: [] },
      ],
      notes: [
        'library "NoVersion" is not Id/Version; skipped',
        'library "Too/Many/Parts" is not Id/Version; skipped',
        'library "Bad Id/1.0" is not Id/Version; skipped',
      ],
    });
  });

  it('refuses a file that is not JSON, or has no libraries object, naming the path', async () => {
    await expect(analyze('{"libraries": ')).rejects.toThrow(
      new InputError('app/App.deps.json: the deps file is not valid JSON')
    );
    await expect(analyze('{"targets": {}}')).rejects.toThrow(
      /^app\/App\.deps\.json: the deps file is malformed: libraries: /
    );
    await expect(analyze('{"libraries": {"A/1": {"type": 7}}}')).rejects.toThrow(
      /malformed: libraries\.A\/1\.type: /
    );
  });

  it('is a language analyzer: faults become notes', () => {
    expect(analyzer.id).toBe('dotnet');
    expect(analyzer.onUnreadable).toBe('note');
  });
});
