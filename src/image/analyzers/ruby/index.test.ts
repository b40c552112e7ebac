import { describe, expect, it } from 'vitest';
import { InputError } from '../../../core/errors.js';
import { analyzer, nameFromFile } from './index.js';

const spec = (body: string): string => `Gem::Specification.new do |s|\n${body}end\n`;
const home = 'usr/local/lib/ruby/gems/3.3.0/specifications';

async function analyze(path: string, content: string): Promise<unknown> {
  return analyzer.analyze({ path, content: Buffer.from(content) });
}

describe('ruby analyzer', () => {
  it('wants gemspecs in any gem home’s specifications folder, default gems included', () => {
    for (const path of [
      'usr/lib/ruby/gems/3.1.0/specifications/rake-13.0.6.gemspec',
      'usr/local/bundle/specifications/rack-3.0.8.gemspec',
      'var/lib/gems/3.1.0/specifications/nokogiri-1.15.4-x86_64-linux.gemspec',
      'usr/lib/ruby/gems/3.1.0/specifications/default/json-2.6.1.gemspec',
      'usr/share/rubygems-integration/all/specifications/rack-2.2.22.gemspec',
      'specifications/a-1.gemspec',
    ]) {
      expect(analyzer.wants(path), path).toBe(true);
    }
    for (const path of [
      'srv/app/rake.gemspec',
      'usr/local/bundle/gems/rake-13.0.6/rake.gemspec',
      'usr/lib/ruby/gems/3.1.0/specifications/other/x-1.gemspec',
      'usr/lib/ruby/gems/3.1.0/specifications/rake-13.0.6.gemspec.bak',
      'usr/lib/ruby/gems/3.1.0/myspecifications/rake-13.0.6.gemspec',
    ]) {
      expect(analyzer.wants(path), path).toBe(false);
    }
  });

  it('reports the gem the specification names, with its licences', async () => {
    const result = await analyze(
      `${home}/rake-13.0.6.gemspec`,
      spec('  s.name = "rake".freeze\n  s.version = "13.0.6"\n  s.licenses = ["MIT".freeze]\n')
    );

    expect(result).toEqual({
      packages: [{ type: 'gem', name: 'rake', version: '13.0.6', licenses: ['MIT'] }],
    });
  });

  it('prefers the content to the file name', async () => {
    const result = await analyze(
      `${home}/renamed-0.1.gemspec`,
      spec('  s.name = "real".freeze\n  s.version = "2.0.0"\n')
    );

    expect(result).toEqual({
      packages: [{ type: 'gem', name: 'real', version: '2.0.0', licenses: [] }],
    });
  });

  it('falls back to the file name for what the content does not say', async () => {
    const computed = spec('  s.name = NAME\n  s.version = VERSION\n');

    expect(await analyze(`${home}/net-http-0.4.1.gemspec`, computed)).toEqual({
      packages: [{ type: 'gem', name: 'net-http', version: '0.4.1', licenses: [] }],
    });
    // Name from the content, version from the file name, platform dropped.
    expect(
      await analyze(
        `${home}/nokogiri-1.15.4-x86_64-linux.gemspec`,
        spec('  s.name = "nokogiri".freeze\n  s.version = VERSION\n')
      )
    ).toEqual({
      packages: [{ type: 'gem', name: 'nokogiri', version: '1.15.4', licenses: [] }],
    });
  });

  it('reads a file name the way RubyGems writes it, name-version[-platform]', () => {
    expect(nameFromFile('s/rake-13.0.6.gemspec')).toEqual({ name: 'rake', version: '13.0.6' });
    expect(nameFromFile('s/google-protobuf-3.25.1-x86_64-linux.gemspec')).toEqual({
      name: 'google-protobuf',
      version: '3.25.1',
    });
    expect(nameFromFile('s/rails-7.1.0.rc1.gemspec', 'rails')).toEqual({
      name: 'rails',
      version: '7.1.0.rc1',
    });
    expect(nameFromFile('s/other-1.0.gemspec', 'rails')).toEqual({ name: 'rails' });
    expect(nameFromFile('s/noversion.gemspec')).toEqual({});
  });

  it('refuses a file that is not a generated specification', async () => {
    const path = `${home}/broken-1.0.gemspec`;

    await expect(analyze(path, '{"name": "broken"}')).rejects.toThrow(
      new InputError(`${path}: not a RubyGems specification (no Gem::Specification.new)`)
    );
  });

  it('refuses a specification whose name or version neither it nor its file name gives', async () => {
    await expect(analyze(`${home}/broken.gemspec`, spec('  s.name = "broken"\n'))).rejects.toThrow(
      `${home}/broken.gemspec: no gem version in the specification or its file name`
    );
    await expect(analyze(`${home}/broken.gemspec`, spec(''))).rejects.toThrow(
      `${home}/broken.gemspec: no gem name in the specification or its file name`
    );
  });

  it('refuses a name or version RubyGems would not accept', async () => {
    const path = `${home}/x-1.gemspec`;

    await expect(analyze(path, spec('  s.name = "a b"\n  s.version = "1"\n'))).rejects.toThrow(
      `${path}: "a b" is not a gem name`
    );
    await expect(analyze(path, spec('  s.name = "x"\n  s.version = "1..2"\n'))).rejects.toThrow(
      `${path}: "1..2" is not a gem version`
    );
  });

  it('is a language analyzer: faults become notes', () => {
    expect(analyzer.id).toBe('ruby');
    expect(analyzer.onUnreadable).toBe('note');
    expect(analyzer.maxFileSize).toBe(4 * 1024 * 1024);
  });
});
