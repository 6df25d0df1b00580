// --trace-self: ObsReady's own spans (per file, per phase) written as OTLP JSON through the
// OpenTelemetry Node SDK, so ObsReady can analyse its own telemetry.
import { NodeSDK } from '@opentelemetry/sdk-node';
import { InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace';
import { JsonTraceSerializer } from '@opentelemetry/otlp-transformer';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { trace } from '@opentelemetry/api';
import { setSelfTracer } from '../analysis/self-tracer.js';

export interface SelfTrace {
  /** Flush the spans: how many, and the OTLP JSON request that holds them (written by the CLI). */
  stop(): Promise<{ spans: number; json: string }>;
}

export function startSelfTrace(version: string): SelfTrace {
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
  // The analysis's spans go to the SDK's provider from now on (until then, and without
  // --trace-self, they are no-ops that never load the OpenTelemetry API).
  setSelfTracer(trace.getTracer('obsready'));
  return {
    async stop() {
      // The in-memory exporter forgets its spans on shutdown: take them first.
      const spans = exporter.getFinishedSpans().slice();
      setSelfTracer(undefined);
      await sdk.shutdown().catch(() => undefined);
      const bytes = JsonTraceSerializer.serializeRequest(spans);
      return { spans: spans.length, json: new TextDecoder().decode(bytes ?? new Uint8Array()) };
    },
  };
}
