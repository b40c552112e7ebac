import parse from 'spdx-expression-parse';

type ExpressionNode = parse.Info;

/**
 * The package's licences as one SPDX licence expression, in canonical form (operators in
 * upper case, parentheses only where precedence needs them), or undefined when any of them
 * is not a valid expression: a partial answer would state a licence nobody declared.
 *
 * Several entries are joined with AND: a package lists several licences because different
 * files in it carry different ones, and a user must comply with all of them.
 *
 * `LicenseRef-` and `DocumentRef-` are refused as well, because a document that uses them
 * must also define them, and nothing in an inventory can.
 */
export function spdxExpression(licenses: readonly string[]): string | undefined {
  const canonical: string[] = [];
  for (const license of new Set(licenses)) {
    const expression = canonicalExpression(license);
    if (expression === undefined) {
      return undefined;
    }
    canonical.push(expression);
  }
  if (canonical.length === 0) {
    return undefined;
  }
  if (canonical.length === 1) {
    return canonical[0];
  }
  return canonical
    .map((expression) => (/ OR /.test(expression) ? `(${expression})` : expression))
    .join(' AND ');
}

/** One licence string as a canonical SPDX expression, or undefined when it is not one. */
export function canonicalExpression(license: string): string | undefined {
  let tree: ExpressionNode;
  try {
    tree = parse(license.trim());
  } catch {
    return undefined;
  }
  return hasReference(tree) ? undefined : render(tree);
}

function hasReference(node: ExpressionNode): boolean {
  if ('conjunction' in node) {
    return hasReference(node.left) || hasReference(node.right);
  }
  return /^(LicenseRef|DocumentRef)-/.test(node.license);
}

function render(node: ExpressionNode): string {
  if (!('conjunction' in node)) {
    const license = `${node.license}${node.plus ? '+' : ''}`;
    return node.exception ? `${license} WITH ${node.exception}` : license;
  }
  const operator = node.conjunction.toUpperCase();
  return `${renderOperand(node.left, node.conjunction)} ${operator} ${renderOperand(node.right, node.conjunction)}`;
}

// AND binds tighter than OR; bracketing every mixed nesting also keeps the meaning obvious.
function renderOperand(node: ExpressionNode, parent: 'and' | 'or'): string {
  const text = render(node);
  return 'conjunction' in node && node.conjunction !== parent ? `(${text})` : text;
}
