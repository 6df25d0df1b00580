// N-MET-SERIES counts a metric name's series as a store keeps them. A name declared with different
// types in different inputs (a histogram in one scrape, a gauge or a summary in another) was
// described by one type's shape — "1 label set × 8 series of a classic histogram: its buckets, sum
// and count" (3 of the 8 were the gauge's), or "…of a histogram or summary: buckets or quantiles,
// sum and count" — now by what it is: a name of several types, whose series are counted together.
import { describe, expect, it } from 'vitest';
import { analyseInputs } from '../../helpers/analyse.js';

const histogram = ['# TYPE rpc_seconds histogram', 'rpc_seconds_bucket{job="api",method="get",le="0.1"} 1', 'rpc_seconds_bucket{job="api",method="get",le="1"} 2', 'rpc_seconds_bucket{job="api",method="get",le="+Inf"} 3', 'rpc_seconds_sum{job="api",method="get"} 1.5', 'rpc_seconds_count{job="api",method="get"} 3', ''].join('\n');
const gauge = ['# TYPE rpc_seconds gauge', 'rpc_seconds{job="api",method="get"} 0.2', 'rpc_seconds{job="api",method="put"} 0.3', 'rpc_seconds{job="api",method="post"} 0.3', ''].join('\n');
const summary = ['# TYPE rpc_seconds summary', 'rpc_seconds{job="api",method="get",quantile="0.5"} 0.2', 'rpc_seconds{job="api",method="get",quantile="0.9"} 0.3', 'rpc_seconds_sum{job="api",method="get"} 1.5', 'rpc_seconds_count{job="api",method="get"} 3', ''].join('\n');

const message = (files: [string, string][]) => analyseInputs(files).findings!.find((f) => f.ruleId === 'N-MET-SERIES')!.message;
const NAME = 'rpc_seconds (rpc_seconds, rpc_seconds_bucket, rpc_seconds_count, rpc_seconds_sum)';

describe('N-MET-SERIES on a name of several types', () => {
  it('a histogram and a gauge: 8 series, said plainly', () => {
    expect(message([['a.prom', histogram], ['b.prom', gauge]])).toBe(`0 of 1 metric names exceed 200 series; the largest is ${NAME} with 8 series (rpc_seconds is declared both as a gauge and as a histogram: its series of each type are counted together).`);
  });

  it('a histogram, a gauge and a summary', () => {
    expect(message([['a.prom', histogram], ['b.prom', gauge], ['c.prom', summary]])).toBe(`0 of 1 metric names exceed 200 series; the largest is ${NAME} with 10 series (rpc_seconds is declared as a gauge, a histogram and a summary: its series of each type are counted together).`);
  });

  it('one type: its shape as before', () => {
    expect(message([['a.prom', histogram]])).toBe('0 of 1 metric names exceed 200 series; the largest is rpc_seconds (rpc_seconds_bucket, rpc_seconds_count, rpc_seconds_sum) with 5 stored series (1 label set × 5 series of a classic histogram: its buckets, sum and count).');
  });
});
