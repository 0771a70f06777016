// Organisational units endpoints and the helpers that turn the flat list into a tree.
import { apiGet, apiPatch, apiPost } from '../api/api.client.ts';
import type { ItemList, OrgUnit, OrgUnitKind } from '../api/api.types.ts';

export async function fetchOrgUnits(): Promise<OrgUnit[]> {
  const list = await apiGet<ItemList<OrgUnit>>('/api/org-units');
  return list.items;
}

export function createOrgUnit(input: {
  parentId: string;
  name: string;
  kind: OrgUnitKind;
}): Promise<OrgUnit> {
  return apiPost<OrgUnit>('/api/org-units', input);
}

export function updateOrgUnit(
  id: string,
  input: { name?: string; parentId?: string },
): Promise<OrgUnit> {
  return apiPatch<OrgUnit>(`/api/org-units/${encodeURIComponent(id)}`, input);
}

export interface OrgUnitNode {
  unit: OrgUnit;
  children: OrgUnitNode[];
}

const byName = (a: OrgUnitNode, b: OrgUnitNode) => a.unit.name.localeCompare(b.unit.name, 'de');

/** Units whose parent is missing become roots, so nothing silently disappears. */
export function buildOrgUnitTree(units: readonly OrgUnit[]): OrgUnitNode[] {
  const nodes = new Map<string, OrgUnitNode>();
  for (const unit of units) {
    nodes.set(unit.id, { unit, children: [] });
  }
  const roots: OrgUnitNode[] = [];
  for (const node of nodes.values()) {
    const parent = node.unit.parentId === null ? undefined : nodes.get(node.unit.parentId);
    if (parent === undefined || parent === node) {
      roots.push(node);
    } else {
      parent.children.push(node);
    }
  }
  for (const node of nodes.values()) {
    node.children.sort(byName);
  }
  return roots.sort(byName);
}

export interface FlatOrgUnit {
  unit: OrgUnit;
  depth: number;
}

/** Depth-first order for select boxes; the visited set guards against bad data with cycles. */
export function flattenOrgUnitTree(roots: readonly OrgUnitNode[]): FlatOrgUnit[] {
  const result: FlatOrgUnit[] = [];
  const visited = new Set<string>();
  const walk = (node: OrgUnitNode, depth: number) => {
    if (visited.has(node.unit.id)) {
      return;
    }
    visited.add(node.unit.id);
    result.push({ unit: node.unit, depth });
    for (const child of node.children) {
      walk(child, depth + 1);
    }
  };
  for (const root of roots) {
    walk(root, 0);
  }
  return result;
}

/**
 * Options for a native select in tree order. Labels are the plain names (no indentation
 * characters) so people and tests can pick a unit by its name; duplicates get their parent.
 */
export function orgUnitOptions(units: readonly OrgUnit[]): { value: string; label: string }[] {
  const names = new Map(units.map((unit) => [unit.id, unit.name]));
  const counts = new Map<string, number>();
  for (const unit of units) {
    counts.set(unit.name, (counts.get(unit.name) ?? 0) + 1);
  }
  return flattenOrgUnitTree(buildOrgUnitTree(units)).map(({ unit }) => {
    const parentName = unit.parentId === null ? undefined : names.get(unit.parentId);
    const ambiguous = (counts.get(unit.name) ?? 0) > 1 && parentName !== undefined;
    return { value: unit.id, label: ambiguous ? `${unit.name} (${parentName})` : unit.name };
  });
}
