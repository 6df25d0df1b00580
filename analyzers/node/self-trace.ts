// --trace-self: ObsReady's own spans (per file, per phase) written as OTLP JSON through the
// OpenTelemetry Node SDK, so ObsReady can analyse its own telemetry.
import { writeFileSync } from 'node:fs';
import { NodeSDK } from '@opentelemetry/sdk-node';
import { InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace';
import { JsonTraceSerializer } from '@opentelemetry/otlp-transformer';
import { resourceFromAttributes } from '@opentelemetry/resources';

export interface SelfTrace {
  /** Flush and write the spans; returns how many were written. */
  stop(): Promise<number>;
}

export function startSelfTrace(file: string, version: string): SelfTrace {
  const exporter = new InMemorySpanExporter();
  const sdk = new NodeSDK({
    resource: resourceFromAttributes({
      'service.name': 'obsready',
      'service.version': version,
      'service.instance.id': `obsready-${process.pid}`,
      'deployment.environment.name': process.env['CI'] ? 'ci' : 'local',
    }),
    resourceDetectors: [],
    spanProcessors: [new SimpleSpanProcessor({ exporter })],
    instrumentations: [],
  });
  sdk.start();
  return {
    async stop() {
      // The in-memory exporter forgets its spans on shutdown: take them first.
      const spans = exporter.getFinishedSpans().slice();
      await sdk.shutdown().catch(() => undefined);
      const bytes = JsonTraceSerializer.serializeRequest(spans);
      writeFileSync(file, bytes ?? new Uint8Array());
      return spans.length;
    },
  };
}
