import { describe, expect, it } from 'vitest';
import { readGemspec } from './gemspec.js';

/** As RubyGems 3 writes an installed specification (`Gem::Specification#to_ruby`). */
const modern = `# -*- encoding: utf-8 -*-
# stub: rake 13.0.6 ruby lib

Gem::Specification.new do |s|
  s.name = "rake".freeze
  s.version = "13.0.6"

  s.required_rubygems_version = Gem::Requirement.new(">= 1.3.2".freeze) if s.respond_to? :required_rubygems_version=
  s.metadata = { "bug_tracker_uri" => "https://github.com/ruby/rake/issues", "source_code_uri" => "https://github.com/ruby/rake/tree/v13.0.6" } if s.respond_to? :metadata=
  s.require_paths = ["lib".freeze]
  s.authors = ["Hiroshi SHIBATA".freeze, "Eric Hodel".freeze]
  s.licenses = ["MIT".freeze]
  s.summary = "Rake is a Make-like program implemented in Ruby".freeze
end
`;

/** As RubyGems 1.x wrote it. */
const legacy = `Gem::Specification.new do |s|
  s.name = %q{rack}
  s.version = "1.1.0"
  s.license = %q{MIT}
  s.summary = %q{a modular Ruby webserver interface}
end
`;

describe('gemspec fields', () => {
  it('reads name, version and licences as RubyGems 3 writes them', () => {
    expect(readGemspec(modern)).toEqual({ name: 'rake', version: '13.0.6', licenses: ['MIT'] });
  });

  it('reads the %q{} strings and singular licence of RubyGems 1.x', () => {
    expect(readGemspec(legacy)).toEqual({ name: 'rack', version: '1.1.0', licenses: ['MIT'] });
  });

  it('reads several licences, single quotes, other %q brackets and Gem::Version.new', () => {
    const text = `Gem::Specification.new do |spec|
  spec.name = 'json'
  spec.version = Gem::Version.new("2.6.3".freeze)
  spec.licenses = ["Ruby".freeze, %q<BSD-2-Clause>] # two
end
`;

    expect(readGemspec(text)).toEqual({
      name: 'json',
      version: '2.6.3',
      licenses: ['Ruby', 'BSD-2-Clause'],
    });
  });

  it('takes nothing that is computed, and no field mentioned only inside another value', () => {
    const text = `Gem::Specification.new do |s|
  s.name = "#{prefix}-gem"
  s.version = File.read("VERSION").strip
  s.licenses = license_list
  s.metadata = { "x" => "s.name = \\"evil\\"" }
  s.description = "s.version = \\"9.9\\""
end
`;

    expect(readGemspec(text)).toEqual({ licenses: [] });
  });

  it('unescapes quoted characters', () => {
    expect(readGemspec(`s.name = "a\\"b"\ns.version = 'it\\'s'\n`)).toEqual({
      name: 'a"b',
      version: "it's",
      licenses: [],
    });
  });
});

describe('gemspec fields on hostile input', () => {
  it('gives up on a long malformed licence list without backtracking for ever', () => {
    const line = `s.licenses = [${'"a"  '.repeat(5000)}x\n`;
    const commas = `s.licenses = [${'"a" , '.repeat(5000)}x\n`;

    expect(readGemspec(`s.name = "n"\n${line}`)).toEqual({ name: 'n', licenses: [] });
    expect(readGemspec(`s.name = "n"\n${commas}`)).toEqual({ name: 'n', licenses: [] });
  });
});
