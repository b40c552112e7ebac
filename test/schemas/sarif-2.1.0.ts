import { z } from 'zod';

/**
 * A strict model of the part of SARIF 2.1.0 that GitHub code scanning requires and reads,
 * written from the OASIS standard (https://docs.oasis-open.org/sarif/sarif/v2.1.0/) and
 * GitHub's "SARIF support for code scanning" page, for tests, because neither schema is
 * available offline. Strict objects: a field outside this subset, or a misspelt one, is an
 * error. Property bags are open, as SARIF has them, except a rule's, which holds the keys
 * GitHub gives a meaning to (`tags`, `precision`, `security-severity`, `problem.severity`).
 *
 * Beyond the schema it checks what the standard and GitHub say in prose: a result's ruleId
 * names a rule of the run and its ruleIndex points at that rule, rule ids are unique, a
 * security-severity is a number from 0.0 to 10.0, a file location is a relative URI
 * reference, and GitHub's upload limits per run, result and rule.
 */

const level = z.enum(['none', 'note', 'warning', 'error']);

/** An absolute URI (`format: uri` in the SARIF schema). */
const absoluteUri = z
  .string()
  .regex(/^[a-z][a-z0-9+.-]*:[^\s]+$/i, 'not an absolute URI')
  .refine((value) => URL.canParse(value), 'not a URI');

/** A relative URI reference to a file: no scheme, not rooted, no spaces or backslashes. */
const fileUri = z
  .string()
  .min(1)
  .regex(/^[^\s\\]+$/, 'spaces and backslashes must be escaped')
  .regex(/^(?![a-z][a-z0-9+.-]*:)(?!\/)/i, 'not a relative URI reference')
  .refine((value) => URL.canParse(value, 'file:///repository/'), 'not a URI reference');

const message = z.strictObject({ text: z.string().min(1) });
const multiformatMessage = z.strictObject({
  text: z.string().min(1),
  markdown: z.string().min(1).optional(),
});
const propertyBag = z.record(z.string(), z.unknown());

const securitySeverity = z
  .string()
  .regex(/^\d{1,2}(\.\d+)?$/, 'security-severity is a number as a string')
  .refine((value) => Number(value) <= 10, 'security-severity is at most 10.0');

const ruleProperties = z.strictObject({
  tags: z.array(z.string().min(1)).max(20).optional(),
  precision: z.enum(['very-high', 'high', 'medium', 'low']).optional(),
  'security-severity': securitySeverity.optional(),
  'problem.severity': z.enum(['error', 'warning', 'recommendation']).optional(),
});

const rule = z.strictObject({
  id: z.string().min(1),
  name: z.string().min(1).optional(),
  shortDescription: multiformatMessage.optional(),
  fullDescription: multiformatMessage.optional(),
  helpUri: absoluteUri.optional(),
  help: multiformatMessage.optional(),
  defaultConfiguration: z
    .strictObject({
      level: level.optional(),
      enabled: z.boolean().optional(),
      rank: z.number().min(-1).max(100).optional(),
    })
    .optional(),
  properties: ruleProperties.optional(),
});

const region = z.strictObject({
  startLine: z.number().int().min(1),
  startColumn: z.number().int().min(1).optional(),
  endLine: z.number().int().min(1).optional(),
  endColumn: z.number().int().min(1).optional(),
});

const location = z.strictObject({
  physicalLocation: z.strictObject({
    artifactLocation: z.strictObject({ uri: fileUri, uriBaseId: z.string().min(1).optional() }),
    region: region.optional(),
  }),
  message: message.optional(),
});

const suppression = z.strictObject({
  kind: z.enum(['inSource', 'external']),
  status: z.enum(['accepted', 'underReview', 'rejected']).optional(),
  justification: z.string().min(1).optional(),
});

const result = z.strictObject({
  ruleId: z.string().min(1),
  ruleIndex: z.number().int().min(0).optional(),
  level: level.optional(),
  message,
  // GitHub shows an alert at its first location, and refuses a result with none.
  locations: z.array(location).min(1).max(1000),
  partialFingerprints: z.record(z.string().min(1), z.string().min(1)).optional(),
  suppressions: z.array(suppression).optional(),
  properties: propertyBag.optional(),
});

const notification = z.strictObject({ level: level.optional(), message });

const invocation = z.strictObject({
  executionSuccessful: z.boolean(),
  toolExecutionNotifications: z.array(notification).optional(),
});

const run = z
  .strictObject({
    tool: z.strictObject({
      driver: z.strictObject({
        name: z.string().min(1),
        version: z.string().min(1).optional(),
        semanticVersion: z.string().min(1).optional(),
        informationUri: absoluteUri.optional(),
        rules: z.array(rule).max(25_000).optional(),
      }),
    }),
    results: z.array(result).max(25_000),
    invocations: z.array(invocation).optional(),
    properties: propertyBag.optional(),
  })
  .superRefine((value, ctx) => {
    const rules = value.tool.driver.rules ?? [];
    const ids = rules.map((item) => item.id);
    ids.forEach((id, index) => {
      if (ids.indexOf(id) !== index) {
        ctx.addIssue({ code: 'custom', message: `duplicate rule id ${id}`, path: ['tool'] });
      }
    });
    value.results.forEach((item, index) => {
      if (!ids.includes(item.ruleId)) {
        ctx.addIssue({
          code: 'custom',
          message: `ruleId ${item.ruleId} names no rule of the run`,
          path: ['results', index, 'ruleId'],
        });
      }
      if (item.ruleIndex !== undefined && ids[item.ruleIndex] !== item.ruleId) {
        ctx.addIssue({
          code: 'custom',
          message: `ruleIndex ${item.ruleIndex} is not the rule ${item.ruleId}`,
          path: ['results', index, 'ruleIndex'],
        });
      }
    });
  });

export const sarifLogSchema = z.strictObject({
  $schema: absoluteUri.optional(),
  version: z.literal('2.1.0'),
  runs: z.array(run).min(1).max(20),
});

export type SarifLogModel = z.infer<typeof sarifLogSchema>;
