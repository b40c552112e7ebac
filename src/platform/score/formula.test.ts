import { describe, expect, it } from 'vitest';
import { computeScores } from './formula.js';
import { imagesRun } from './image-match.js';
import type { ScannedImage, ScoreInputs } from './types.js';

const digestA = `sha256:${'a'.repeat(64)}`;
const digestB = `sha256:${'b'.repeat(64)}`;

function image(overrides: Partial<ScannedImage>): ScannedImage {
  return {
    id: 'img',
    host: '127.0.0.1:5000',
    repository: 'team/app',
    digest: digestA,
    tags: ['1.0'],
    severeOpen: 0,
    ...overrides,
  };
}

const empty: ScoreInputs = {
  clusters: [],
  checks: [],
  openAlerts: [],
  images: [],
  workloads: [],
};

describe('computeScores', () => {
  it('scores 100 with nothing to score, and a quiet cluster earns its alert points', () => {
    const report = computeScores({ ...empty, clusters: [{ id: 'c1', name: 'prod' }] });
    expect(report.overall).toEqual({ score: 100, earned: 10, max: 10, controls: [] });
    expect(report.clusters).toEqual([
      {
        clusterId: 'c1',
        name: 'prod',
        score: 100,
        earned: 10,
        max: 10,
        controls: [{ id: 'alerts', max: 10, earned: 10, healthy: 0, unhealthy: 0 }],
      },
    ]);
    expect(computeScores(empty).overall.score).toBe(100);
  });

  it('weighs each check by severity and earns by the passing share', () => {
    const report = computeScores({
      ...empty,
      clusters: [{ id: 'c1', name: 'prod' }],
      checks: [
        { clusterId: 'c1', checkId: 'privileged', severity: 'critical', passed: 3, failed: 1 },
        { clusterId: 'c1', checkId: 'run-as-root', severity: 'medium', passed: 0, failed: 2 },
        { clusterId: 'c1', checkId: 'manual-only', severity: 'high', passed: 0, failed: 0 },
        { clusterId: 'c1', checkId: 'labels', severity: 'informational', passed: 0, failed: 9 },
        { clusterId: 'other', checkId: 'privileged', severity: 'critical', passed: 0, failed: 7 },
      ],
    });
    const cluster = report.clusters[0];
    expect(cluster?.controls).toEqual([
      { id: 'posture:privileged', max: 10, earned: 7.5, healthy: 3, unhealthy: 1 },
      { id: 'posture:run-as-root', max: 4, earned: 0, healthy: 0, unhealthy: 2 },
      { id: 'alerts', max: 10, earned: 10, healthy: 0, unhealthy: 0 },
    ]);
    // (7.5 + 0 + 10) / (10 + 4 + 10)
    expect(cluster?.score).toBe(72.9);
  });

  it('leaves exempted failures out of a check’s counts, and a fully exempted check earns its points', () => {
    const report = computeScores({
      ...empty,
      clusters: [{ id: 'c1', name: 'prod' }],
      checks: [
        // 3 pass, 3 fail of which 2 exempted: 3 of 4 healthy.
        {
          clusterId: 'c1',
          checkId: 'privileged',
          severity: 'critical',
          passed: 3,
          failed: 3,
          exempted: 2,
        },
        // Every failure exempted, nothing passing: nothing is left to fix.
        {
          clusterId: 'c1',
          checkId: 'host-path',
          severity: 'high',
          passed: 0,
          failed: 2,
          exempted: 2,
        },
        // More exempted than failing (a stale row): bounded by the failures.
        {
          clusterId: 'c1',
          checkId: 'run-as-root',
          severity: 'medium',
          passed: 1,
          failed: 1,
          exempted: 5,
        },
        {
          clusterId: 'c1',
          checkId: 'capabilities',
          severity: 'low',
          passed: 1,
          failed: 1,
          exempted: 0,
        },
      ],
    });
    expect(report.clusters[0]?.controls).toEqual([
      { id: 'posture:capabilities', max: 1, earned: 0.5, healthy: 1, unhealthy: 1 },
      { id: 'posture:host-path', max: 7, earned: 7, healthy: 0, unhealthy: 0, exempted: 2 },
      { id: 'posture:privileged', max: 10, earned: 7.5, healthy: 3, unhealthy: 1, exempted: 2 },
      { id: 'posture:run-as-root', max: 4, earned: 4, healthy: 1, unhealthy: 0, exempted: 1 },
      { id: 'alerts', max: 10, earned: 10, healthy: 0, unhealthy: 0 },
    ]);
    // (0.5 + 7 + 7.5 + 4 + 10) / (1 + 7 + 10 + 4 + 10)
    expect(report.clusters[0]?.score).toBe(90.6);
    const unexempted = computeScores({
      ...empty,
      clusters: [{ id: 'c1', name: 'prod' }],
      checks: [{ clusterId: 'c1', checkId: 'host-path', severity: 'high', passed: 0, failed: 2 }],
    });
    // Exempting raises the score: 10 of 17 before, 17 of 17 after.
    expect(unexempted.clusters[0]?.score).toBe(58.8);
  });

  it('takes open alerts off the alert control by severity, never below zero', () => {
    const score = (alerts: ScoreInputs['openAlerts']) =>
      computeScores({ ...empty, clusters: [{ id: 'c1', name: 'prod' }], openAlerts: alerts })
        .clusters[0]?.controls[0];
    expect(score([{ clusterId: 'c1', severity: 'high', count: 2 }])).toMatchObject({
      earned: 6,
      unhealthy: 2,
    });
    expect(
      score([
        { clusterId: 'c1', severity: 'critical', count: 2 },
        { clusterId: 'c1', severity: 'high', count: 1 },
        { clusterId: 'c1', severity: 'low', count: 1 },
      ])
    ).toMatchObject({ earned: 0, unhealthy: 4 });
    expect(score([{ clusterId: 'c1', severity: 'informational', count: 9 }])).toMatchObject({
      earned: 10,
    });
  });

  it('counts the scanned images a cluster runs, healthy while no critical or high finding is open', () => {
    const report = computeScores({
      ...empty,
      clusters: [{ id: 'c1', name: 'prod' }],
      images: [
        image({ id: 'clean', digest: digestA, tags: ['1.0'] }),
        image({ id: 'bad', digest: digestB, tags: ['2.0'], severeOpen: 3 }),
        image({ id: 'unused', repository: 'team/other', digest: digestB, tags: [], severeOpen: 0 }),
      ],
      workloads: [{ clusterId: 'c1', images: ['127.0.0.1:5000/team/app:1.0', 'nginx:1.27'] }],
    });
    expect(report.clusters[0]?.controls[0]).toEqual({
      id: 'images',
      max: 10,
      earned: 10,
      healthy: 1,
      unhealthy: 0,
    });
    expect(report.overall.controls).toEqual([
      { id: 'registry-images', max: 10, earned: 6.667, healthy: 2, unhealthy: 1 },
    ]);
    // cluster: images 10 + alerts 10; registry images 6.667 of 10
    expect(report.overall.score).toBe(88.9);
  });

  it('adds up an account from its clusters’ controls, so bigger clusters weigh more', () => {
    const report = computeScores({
      ...empty,
      clusters: [
        { id: 'big', name: 'big', accountId: '111122223333' },
        { id: 'small', name: 'small', accountId: '111122223333' },
        { id: 'lab', name: 'lab' },
      ],
      checks: [
        { clusterId: 'big', checkId: 'a', severity: 'critical', passed: 0, failed: 1 },
        { clusterId: 'big', checkId: 'b', severity: 'critical', passed: 0, failed: 1 },
        { clusterId: 'small', checkId: 'a', severity: 'critical', passed: 1, failed: 0 },
      ],
    });
    expect(report.accounts).toEqual([
      {
        accountId: '111122223333',
        clusters: ['big', 'small'],
        // big: 0 + 0 + 10 of 30; small: 10 + 10 of 20
        score: 60,
        earned: 30,
        max: 50,
      },
    ]);
    expect(report.clusters.map((cluster) => cluster.score)).toEqual([33.3, 100, 100]);
  });
});

describe('imagesRun', () => {
  const images = [
    image({ id: 'pinned', digest: digestA, tags: [] }),
    image({
      id: 'hub',
      host: 'docker.io',
      repository: 'library/nginx',
      digest: digestB,
      tags: ['1.27'],
    }),
  ];

  it('matches a pinned digest whatever the registry, and Docker Hub short names by tag', () => {
    const found = imagesRun(
      [`mirror.example/app@${digestA}`, 'nginx:1.27', 'docker.io/library/nginx:1.26'],
      images
    );
    expect([...found].map((match) => match.id).sort()).toEqual(['hub', 'pinned']);
  });

  it('treats an untagged reference as latest and a different registry as a different image', () => {
    expect(imagesRun(['nginx'], images).size).toBe(0);
    expect(imagesRun(['ghcr.io/library/nginx:1.27'], images).size).toBe(0);
    expect(imagesRun(['index.docker.io/library/nginx:1.27'], images).size).toBe(1);
  });
});
