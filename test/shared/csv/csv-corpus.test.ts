import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { expectedMalformed, importProblems, materialiseMalformed, undescribedMalformed } from '../../fixtures/csv/corpus';

const dir = mkdtempSync(join(tmpdir(), 'dealbook-csv-corpus-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('malformed CSV corpus', () => {
  it('has at least 20 files, each described in expected.json', () => {
    expect(Object.keys(expectedMalformed()).length).toBeGreaterThanOrEqual(20);
    expect(undescribedMalformed()).toEqual([]);
  });

  for (const file of materialiseMalformed(dir)) {
    it(`${file.name}: line ${file.expected.line}, column ${file.expected.column ?? '-'}: ${file.expected.message}`, () => {
      const result = importProblems(readFileSync(file.path));
      expect(result.problems).toHaveLength(1);
      const [problem] = result.problems;
      expect(problem!.line).toBe(file.expected.line);
      expect(problem!.field ?? null).toBe(file.expected.column);
      expect(problem!.message).toContain(file.expected.message);
      expect(result.lines).not.toContain(file.expected.line);
    });
  }

  it('writes the generated 10 MB field', () => {
    const generated = materialiseMalformed(dir).find((f) => f.expected.generated);
    expect(generated && readFileSync(generated.path).length).toBeGreaterThan(10 * 1024 * 1024);
  });
});
