import { describe, expect, it } from 'vitest';
import { mapLogLine, mapText } from '../../../../analyzers/importers/jsonl-logs/map-fields.js';
import { analyzeTextLine } from '../../../../analyzers/importers/text-logs/line-fields.js';

// The text-log decoder learns a container's level column from the read of its line (not a second analysis).
describe("mapText: where a text line writes a level word, when asked (findLevelColumn)", () => {
  const line = '2024-05-01T10:00:00Z http: GET /api/items 200';

  it("returns the column analyzeTextLine finds, only when asked", () => {
    const found = analyzeTextLine(line, { findLevelColumn: true }).levelColumn;
    expect(found).toBeDefined();
    expect(mapText(line, { findLevelColumn: true }).levelColumn).toEqual(found);
    expect(mapText(line).levelColumn).toBeUndefined();
  });

  it('a text line read by mapLogLine carries it; a JSON or logfmt line does not', () => {
    const text = mapLogLine(line, { findLevelColumn: true });
    expect(text.kind).toBe('text');
    expect(text.mapped.levelColumn).toEqual(analyzeTextLine(line, { findLevelColumn: true }).levelColumn);
    const json = mapLogLine('{"msg":"http: GET /api/items 200"}', { findLevelColumn: true });
    expect(json.kind).toBe('json');
    expect(json.mapped.levelColumn).toBeUndefined();
    const lf = mapLogLine('level=http msg="GET /api/items" status=200', { findLevelColumn: true });
    expect(lf.kind).toBe('logfmt');
    expect(lf.mapped.levelColumn).toBeUndefined();
  });
});
