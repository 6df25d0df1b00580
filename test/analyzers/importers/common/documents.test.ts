// Documents (HTML, Markdown, source code) are not logs: sniffing says what they look like instead
// of reading them as message-only log lines; real logs, header-less ones included, stay logs.
import { describe, expect, it } from 'vitest';
import { readFileSync, readdirSync } from 'node:fs';
import { documentKindOfText } from '../../../../analyzers/importers/common/documents.js';
import { makeSniffInput, sniffFormat } from '../../../../analyzers/importers/sniff.js';
import { REPO, data } from '../../../helpers/paths.js';

const sniff = (text: string) => sniffFormat(makeSniffInput(new TextEncoder().encode(text), true));

const DOCS: [string, string, string][] = [
  ['html', '<!DOCTYPE html>\n<html lang="en">\n<head><title>x</title></head>\n<body><p>Error 500</p></body>\n</html>\n', 'an HTML page'],
  ['html fragment', '<div>\n<head>\n<p>hello</p>\n', 'an HTML page'],
  ['markdown', '# Install\n\nRun the tool:\n\n```sh\nnpm install\n```\n\n- fast\n- offline\n\nSee [docs](https://example.com).\n', 'a Markdown document'],
  ['typescript', "import { a } from './a.js';\n\nexport function f(x: number): number {\n  if (x > 1) {\n    return a(x);\n  }\n  return 0;\n}\n", 'source code'],
  ['python', 'import os\n\ndef main():\n    for f in os.listdir("."):\n        print(f)\n\nclass A:\n    pass\n', 'source code'],
  ['go', 'package main\n\nimport "fmt"\n\nfunc main() {\n\tfmt.Println("ERROR: x")\n}\n', 'source code'],
  // kubectl get pods -o json / -o yaml, as a support bundle holds them
  ['kubectl json', '{\n    "apiVersion": "v1",\n    "items": [\n        {\n            "apiVersion": "v1",\n            "kind": "Pod",\n            "metadata": {"name": "api-1"}\n        }\n    ],\n    "kind": "List"\n}\n', 'a Kubernetes Pod (kubectl get -o json)'],
  ['kubectl yaml', 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: api\nspec:\n  replicas: 2\n', 'a Kubernetes Deployment (kubectl get -o yaml)'],
];

describe('documents are not logs', () => {
  for (const [name, text, kind] of DOCS) {
    it(`${name}: unrecognised, said to look like ${kind}`, () => {
      expect(documentKindOfText(text, true)).toBe(kind);
      const r = sniff(text);
      expect(r.spec).toBeUndefined();
      expect(r.reason).toBe('unrecognised-format');
      expect(r.looksLike).toBe(kind);
    });
  }

  it("the project's own README and sources are documents", () => {
    // Prose-heavy Markdown (a README is mostly paragraphs) included: it changes with every edit.
    for (const md of ['README.md', ...readdirSync(`${REPO}/docs`).filter((f) => f.endsWith('.md')).map((f) => `docs/${f}`)]) {
      expect(sniff(readFileSync(`${REPO}/${md}`, 'utf8')).looksLike, md).toBe('a Markdown document');
    }
    expect(sniff(readFileSync(`${REPO}/analyzers/importers/sniff.ts`, 'utf8')).looksLike).toBe('source code');
  });

  it('logs without any timestamp or level are still text logs', () => {
    const plain = ['Listening on port 3000', 'Connected to database orders', 'GET /health 200 3ms', 'Worker 4 started', 'Shutting down; 3 jobs left', 'cache warmed: 1200 keys'].join('\n') + '\n';
    expect(documentKindOfText(plain, true)).toBeUndefined();
    expect(sniff(plain).spec?.id).toBe('text-logs');
    // A stack trace dump with braces and semicolons is still a log when a line has a header.
    const trace = '2024-05-01 10:00:00 ERROR boom;\n  at a.b(C.java:1);\n  at d.e(F.java:2);\n}\n';
    expect(sniff(trace).spec?.id).toBe('text-logs');
  });

  it("a runtime's crash report alone is a text log, not source code (Ruby's `from` frames, a traceback's quoted source)", () => {
    const ruby33 = "app.rb:22:in `b': uncaught boom (RuntimeError)\n\tfrom app.rb:18:in `a'\n\tfrom app.rb:23:in `<main>'\n";
    const ruby34 = "app.rb:22:in 'Object#b': uncaught boom (RuntimeError)\n\tfrom app.rb:18:in 'Object#a'\n\tfrom app.rb:23:in '<main>'\n";
    const python = ['Traceback (most recent call last):', '  File "/srv/app.py", line 9, in <module>', '    return {', '  File "/srv/app.py", line 4, in run', '    for k in keys: {', "KeyError: 'cfg'"].join('\n') + '\n';
    const go = ['panic: boom', '', 'goroutine 1 [running]:', 'main.main()', '\t/srv/main.go:25 +0x285', 'main.run({', '\t/srv/main.go:20 +0x1d'].join('\n') + '\n';
    for (const text of [ruby33, ruby34, python, go]) {
      expect(documentKindOfText(text, true), text).toBeUndefined();
      expect(sniff(text).spec?.id, text).toBe('text-logs');
    }
    // source code quoting a frame line in a string is still source code
    const code = 'package main\n\nfunc main() {\n\tfmt.Println("\tfrom app.rb:18:in a")\n\treturn\n}\n';
    expect(documentKindOfText(code, true)).toBe('source code');
  });

  it('every Loghub raw log stays a text log', () => {
    for (const sys of readdirSync(data('loghub'))) {
      const file = data('loghub', sys, `${sys}_2k.log`);
      let text: string;
      try {
        text = readFileSync(file, 'utf8');
      } catch {
        continue;
      }
      expect(documentKindOfText(text, true), sys).toBeUndefined();
      expect(sniff(text.slice(0, 64 * 1024)).spec?.id, sys).toBe('text-logs');
    }
  });
});

describe('documentKind: licences and lists of ids', () => {
  it('names a licence text and a list of trace ids, not a log', async () => {
    const { documentKind } = await import('../../../../analyzers/importers/common/documents.js');
    expect(documentKind(['MIT License', 'Copyright (c) 2023 IntelligentDDS', 'Permission is hereby granted, free of charge, to any person obtaining a copy'])).toBe('a licence text');
    expect(documentKind(['LICENSE OF LOGHUB', 'The datasets are freely available for research or academic work, subject to'])).toBe('a licence text');
    expect(documentKind(['                                 Apache License', '                           Version 2.0, January 2004'])).toBe('a licence text');
    expect(documentKind(['e537d62273201f6a0ad7a80fde41c068', '2ffbc4a03bbc5600a45841d05e452454', '051581bf3cb55c13'])).toBe('a list of ids (one hex id a line)');
    // ordinary unstructured lines stay undecided (read as text logs when no header says otherwise)
    expect(documentKind(['Starting worker', 'Listening on port 8080', 'license check passed'])).toBeUndefined();
  });
});
