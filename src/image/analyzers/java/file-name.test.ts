import { describe, expect, it } from 'vitest';
import { coordinatesFromFileName, isJavaArchiveName } from './file-name.js';

describe('isJavaArchiveName', () => {
  it.each([
    'a.jar',
    'opt/app/app.war',
    'x/APP.EAR',
    'p.par',
    's.sar',
    'plugins/git.jpi',
    'git.hpi',
  ])('wants %s', (path) => {
    expect(isJavaArchiveName(path)).toBe(true);
  });

  it.each([
    'a.jar.sha1',
    'lib/.jar',
    'jar',
    'usr/lib/jar',
    'a.zip',
    'a.jar/',
    'dir.jar/file',
    'a.jarx',
  ])('does not want %s', (path) => {
    expect(isJavaArchiveName(path)).toBe(false);
  });
});

describe('coordinatesFromFileName', () => {
  it.each([
    ['commons-thing-2.4.1.jar', 'commons-thing', '2.4.1'],
    ['usr/share/java/commons-thing-2.4.1.JAR', 'commons-thing', '2.4.1'],
    ['spring-core-5.3.4-SNAPSHOT.jar', 'spring-core', '5.3.4-SNAPSHOT'],
    ['guava-31.1-jre.jar', 'guava', '31.1-jre'],
    ['log4j-1.2-api-2.17.1.jar', 'log4j-1.2-api', '2.17.1'],
    ['bcprov-jdk15on-1.70.jar', 'bcprov-jdk15on', '1.70'],
    ['netty-all-4.1.77.Final.jar', 'netty-all', '4.1.77.Final'],
    ['jetty-server-9.4.44.v20210927.jar', 'jetty-server', '9.4.44.v20210927'],
    ['app-1.0-20240131.142530-7.war', 'app', '1.0-20240131.142530-7'],
    ['jenkins-plugin-2.0.hpi', 'jenkins-plugin', '2.0'],
  ])('%s is %s %s', (path, artifact, version) => {
    expect(coordinatesFromFileName(path)).toEqual({ artifact, version });
  });

  it.each([
    'app.war',
    'commons-thing.jar',
    '1.0.jar',
    '-1.0.jar',
    'foo--1.0.jar',
    'thing-SNAPSHOT.jar',
    'thing-1.0 final.jar',
    'thing-1.0.zip',
  ])('%s names nothing', (path) => {
    expect(coordinatesFromFileName(path)).toBeUndefined();
  });
});
