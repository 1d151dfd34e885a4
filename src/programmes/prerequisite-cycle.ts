/** An edge "module needs prerequisite". */
export interface PrerequisiteEdge {
  moduleId: string;
  prerequisiteId: string;
}

/**
 * Whether giving `moduleId` exactly the prerequisites `proposed` would close a loop, given the
 * programme's other edges. Returns the loop as module ids, starting and ending with moduleId
 * (A → B → A), or null. A depth-first search from each proposed prerequisite back to moduleId:
 * a programme has tens of modules, so this is cheap and needs one query for the edges.
 */
export function findPrerequisiteCycle(edges: PrerequisiteEdge[], moduleId: string, proposed: string[]): string[] | null {
  const needs = new Map<string, string[]>();
  for (const edge of edges) {
    if (edge.moduleId === moduleId) continue;
    needs.set(edge.moduleId, [...(needs.get(edge.moduleId) ?? []), edge.prerequisiteId]);
  }
  const visited = new Set<string>();
  const pathTo = (from: string, path: string[]): string[] | null => {
    if (from === moduleId) return path;
    if (visited.has(from)) return null;
    visited.add(from);
    for (const next of needs.get(from) ?? []) {
      const found = pathTo(next, [...path, next]);
      if (found) return found;
    }
    return null;
  };
  for (const prerequisite of proposed) {
    const found = pathTo(prerequisite, [moduleId, prerequisite]);
    if (found) return found;
  }
  return null;
}
