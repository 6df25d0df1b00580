// Prometheus text exposition 0.0.4 and OpenMetrics 1.0: two FormatSpecs over one decoder.
import type { FormatSpec } from '../types.js';
import { createExpositionDecoder } from './decoder.js';
import { sniffOpenMetrics, sniffPrometheus } from './sniff.js';

export const prometheusText: FormatSpec = {
  id: 'prometheus',
  signal: 'metrics',
  label: 'Prometheus text exposition 0.0.4',
  sniff: sniffPrometheus,
  create: (ctx) => createExpositionDecoder(ctx, 'prometheus'),
};

export const openMetricsText: FormatSpec = {
  id: 'openmetrics',
  signal: 'metrics',
  label: 'OpenMetrics 1.0 text',
  sniff: sniffOpenMetrics,
  create: (ctx) => createExpositionDecoder(ctx, 'openmetrics'),
};
