// What changed between two snapshots of a registry record, as path/old/new triples.

export interface FieldChange {
  path: string[];
  before: string | null;
  after: string | null;
}

/** Technical fields that change with every save or carry only ids. */
const IGNORED = new Set(['id', 'updatedAt', 'createdAt', 'signedOffBy', 'checkedBy']);

function isPrimitive(value: unknown): value is string | number | boolean | null {
  return value === null || ['string', 'number', 'boolean'].includes(typeof value);
}

type Format = (key: string, value: string | number | boolean | null) => string;

function flatten(value: unknown, path: string[], out: Map<string, string>, format: Format): void {
  const key = path[path.length - 1] ?? '';
  if (IGNORED.has(key)) {
    return;
  }
  if (isPrimitive(value)) {
    out.set(path.join('.'), format(key, value));
    return;
  }
  if (Array.isArray(value)) {
    // Lists of plain values read best as one line: "a, b, c".
    if (value.every(isPrimitive)) {
      out.set(path.join('.'), value.map((item) => format(key, item)).join(', '));
      return;
    }
    value.forEach((item, index) => {
      flatten(item, [...path, String(index)], out, format);
    });
    return;
  }
  if (typeof value === 'object') {
    for (const [child, item] of Object.entries(value as Record<string, unknown>)) {
      flatten(item, [...path, child], out, format);
    }
  }
}

/** Changes from `before` (null for the first version) to `after`, in the order of `after`. */
export function diffSnapshots(before: unknown, after: unknown, format: Format): FieldChange[] {
  const old = new Map<string, string>();
  const current = new Map<string, string>();
  if (before !== null && before !== undefined) {
    flatten(before, [], old, format);
  }
  flatten(after, [], current, format);
  const changes: FieldChange[] = [];
  // A field that is missing and a field that is empty read the same to people.
  for (const [path, value] of current) {
    const previous = old.get(path) ?? '';
    if (previous !== value) {
      changes.push({ path: path.split('.'), before: previous, after: value });
    }
  }
  for (const [path, value] of old) {
    if (!current.has(path) && value !== '') {
      changes.push({ path: path.split('.'), before: value, after: null });
    }
  }
  return changes;
}
