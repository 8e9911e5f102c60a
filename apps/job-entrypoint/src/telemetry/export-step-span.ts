import type { Redact } from '@floe/manifests';
import type { OtlpSettings } from './otlp-settings.js';
import { newSpanId, traceContextFrom } from './trace-context.js';

export type SpanAttributeValue = string | number | boolean;

export interface StepSpan {
  readonly name: string;
  readonly startTimeMs: number;
  readonly endTimeMs: number;
  readonly failed: boolean;
  readonly statusMessage?: string | undefined;
  readonly attributes: Readonly<Record<string, SpanAttributeValue>>;
}

/**
 * The OTLP/JSON `ExportTraceServiceRequest` with one span, child of the
 * TRACEPARENT span when set. Hand-written (a page of code) instead of the
 * OpenTelemetry SDK: one span per process needs no batching, and the runtime
 * image stays small.
 */
export function otlpTraceRequest(span: StepSpan, settings: OtlpSettings): unknown {
  const trace = traceContextFrom(settings.traceparent);
  return {
    resourceSpans: [
      {
        resource: { attributes: toAttributes({ ...settings.resourceAttributes, 'service.name': settings.serviceName }) },
        scopeSpans: [
          {
            scope: { name: '@floe/job-entrypoint' },
            spans: [
              {
                traceId: trace.traceId,
                spanId: newSpanId(),
                ...(trace.parentSpanId ? { parentSpanId: trace.parentSpanId } : {}),
                name: span.name,
                kind: 1,
                startTimeUnixNano: `${span.startTimeMs}000000`,
                endTimeUnixNano: `${span.endTimeMs}000000`,
                attributes: toAttributes(span.attributes),
                status: span.failed ? { code: 2, message: span.statusMessage ?? '' } : { code: 1 },
              },
            ],
          },
        ],
      },
    ],
  };
}

/**
 * POSTs the span to the collector, giving up after `settings.timeoutMs` so an
 * unreachable collector delays exit by at most that. Returns the failure, if
 * any, for logging; tracing never changes the step's exit code.
 */
export async function exportStepSpan(span: StepSpan, settings: OtlpSettings, redact: Redact): Promise<Error | undefined> {
  if (!settings.tracesUrl) return undefined;
  try {
    const response = await fetch(settings.tracesUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: redact(JSON.stringify(otlpTraceRequest(span, settings))),
      signal: AbortSignal.timeout(settings.timeoutMs),
    });
    await response.body?.cancel();
    return response.ok ? undefined : new Error(`the collector answered ${response.status}`);
  } catch (error) {
    return error as Error;
  }
}

function toAttributes(attributes: Readonly<Record<string, SpanAttributeValue>>): unknown[] {
  return Object.entries(attributes).map(([key, value]) => ({
    key,
    value:
      typeof value === 'string'
        ? { stringValue: value }
        : typeof value === 'boolean'
          ? { boolValue: value }
          : Number.isInteger(value)
            ? { intValue: String(value) }
            : { doubleValue: value },
  }));
}
