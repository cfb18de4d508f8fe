// Turns a change's RFC 6902 patch (target -> source) into field-level rows with the value
// before (target) and after (source). Each operation's path is read from both documents, and
// objects or arrays are walked down to their leaves, so a created workflow reads as its fields
// ("description: — → Says hello") rather than one opaque JSON blob.

/** RFC 6901: "/steps/0/template~1x" -> ["steps", "0", "template/x"] */
export function parsePointer(pointer) {
  if (!pointer) return [];
  return pointer.split('/').slice(1).map((token) => token.replaceAll('~1', '/').replaceAll('~0', '~'));
}

function child(value, token) {
  if (Array.isArray(value)) return /^\d+$/.test(token) ? value[Number(token)] : undefined;
  if (value !== null && typeof value === 'object') return Object.hasOwn(value, token) ? value[token] : undefined;
  return undefined;
}

export function read(document, tokens) {
  return tokens.reduce((value, token) => child(value, token), document);
}

const isContainer = (value) => value !== null && typeof value === 'object';

function keysOf(value) {
  if (Array.isArray(value)) return value.map((_, index) => String(index));
  return isContainer(value) ? Object.keys(value) : [];
}

function same(a, b) {
  return JSON.stringify(a) === JSON.stringify(b);
}

function walk(tokens, before, after, rows) {
  if (same(before, after)) return;
  const keys = [...new Set([...keysOf(before), ...keysOf(after)])];
  if ((isContainer(before) || isContainer(after)) && keys.length > 0) {
    for (const key of keys) walk([...tokens, key], child(before, key), child(after, key), rows);
    return;
  }
  rows.set(JSON.stringify(tokens), { tokens, before, after });
}

/**
 * @param diff {source, target, patch} as GET /v1/changes/{id}/diff answers it
 * @returns [{field, tokens, before, after}] in document order, one per changed leaf
 */
export function fieldChanges(diff) {
  const rows = new Map();
  const operations = Array.isArray(diff.patch) && diff.patch.length > 0 ? diff.patch : [{ op: 'replace', path: '' }];
  for (const operation of operations) {
    const paths = operation.op === 'move' ? [operation.from, operation.path] : [operation.path];
    for (const path of paths) {
      const tokens = parsePointer(path);
      walk(tokens, read(diff.target, tokens), read(diff.source, tokens), rows);
    }
  }
  return [...rows.values()].map((row) => ({ ...row, field: fieldLabel(row.tokens) }));
}

/** ["steps", "0", "template", "content"] -> "steps › #1 › template › content" */
export function fieldLabel(tokens) {
  if (tokens.length === 0) return '(whole document)';
  return tokens.map((token) => (/^\d+$/.test(token) ? `#${Number(token) + 1}` : token)).join(' › ');
}

/** How a value reads in a diff cell; `undefined` means the field is absent on that side. */
export function displayValue(value) {
  if (value === undefined) return { text: '(none)', absent: true };
  if (value === null) return { text: '(empty)', absent: true };
  if (typeof value === 'string') return { text: value === '' ? '(empty)' : value, absent: false };
  if (isContainer(value)) return { text: JSON.stringify(value), absent: false };
  return { text: String(value), absent: false };
}
