// ObsReady's own spans (a span per input, one for the report), as the analysis makes them: a no-op
// until a tracer is installed. The CLI's --trace-self installs the OpenTelemetry tracer when it
// starts the SDK (node/self-trace.ts), so a run without it never loads @opentelemetry/api (53
// modules, ~50 ms of start-up on each thread that analyses).

/** Attribute values the analysis gives its spans. */
export type SelfSpanAttributes = Record<string, string | number>;

/** The part of an OpenTelemetry Span the analysis uses (an OpenTelemetry Span is one). */
export interface SelfSpan {
  setAttributes(attributes: SelfSpanAttributes): unknown;
  setStatus(status: { code: number; message?: string }): unknown;
  end(): void;
}

/** The part of an OpenTelemetry Tracer the analysis uses (an OpenTelemetry Tracer is one). */
export interface SelfTracer {
  startSpan(name: string, options?: { attributes?: SelfSpanAttributes }): SelfSpan;
  startActiveSpan<F extends (span: SelfSpan) => unknown>(name: string, fn: F): ReturnType<F>;
}

/** OpenTelemetry's SpanStatusCode.ERROR (a stable value of the API). */
export const SPAN_STATUS_ERROR = 2;

const NOOP_SPAN: SelfSpan = { setAttributes: () => NOOP_SPAN, setStatus: () => NOOP_SPAN, end: () => undefined };

const NOOP_TRACER: SelfTracer = {
  startSpan: () => NOOP_SPAN,
  startActiveSpan: <F extends (span: SelfSpan) => unknown>(_name: string, fn: F) => fn(NOOP_SPAN) as ReturnType<F>,
};

let installed: SelfTracer | undefined;

/** Installs the tracer the analysis's spans go to (undefined: back to none). */
export function setSelfTracer(tracer: SelfTracer | undefined): void {
  installed = tracer;
}

/** The installed tracer, or one whose spans do nothing. */
export function selfTracer(): SelfTracer {
  return installed ?? NOOP_TRACER;
}
