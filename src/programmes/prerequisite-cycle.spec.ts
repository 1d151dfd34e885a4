import { findPrerequisiteCycle, type PrerequisiteEdge } from './prerequisite-cycle.js';

const edge = (moduleId: string, prerequisiteId: string): PrerequisiteEdge => ({ moduleId, prerequisiteId });

describe('findPrerequisiteCycle', () => {
  it('accepts prerequisites when nothing leads back', () => {
    expect(findPrerequisiteCycle([edge('B', 'C')], 'A', ['B'])).toBeNull();
  });

  it('accepts a diamond (two paths to the same prerequisite are not a loop)', () => {
    const edges = [edge('B', 'D'), edge('C', 'D')];
    expect(findPrerequisiteCycle(edges, 'A', ['B', 'C'])).toBeNull();
  });

  it('finds a direct loop: A needs B while B needs A', () => {
    expect(findPrerequisiteCycle([edge('B', 'A')], 'A', ['B'])).toEqual(['A', 'B', 'A']);
  });

  it('finds a longer loop and names every step', () => {
    const edges = [edge('B', 'C'), edge('C', 'D'), edge('D', 'A')];
    expect(findPrerequisiteCycle(edges, 'A', ['X', 'B'])).toEqual(['A', 'B', 'C', 'D', 'A']);
  });

  it('ignores the edges of the module being edited, since they are being replaced', () => {
    const edges = [edge('A', 'B'), edge('B', 'C')];
    expect(findPrerequisiteCycle(edges, 'A', ['C'])).toBeNull();
  });

  it('terminates on an existing loop elsewhere that does not involve the module', () => {
    const edges = [edge('B', 'C'), edge('C', 'B')];
    expect(findPrerequisiteCycle(edges, 'A', ['B'])).toBeNull();
  });

  it('accepts an empty choice', () => {
    expect(findPrerequisiteCycle([edge('B', 'A')], 'A', [])).toBeNull();
  });
});
