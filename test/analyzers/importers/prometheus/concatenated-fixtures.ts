// Appended scrapes of one small app, shared by the concatenation and chunking tests.

/** One scrape of a small app (client_golang-like); values grow with `i`. */
export function appScrape(i: number, fdsType = 'gauge'): string {
  return [
    '# HELP http_requests_total Total HTTP requests.',
    '# TYPE http_requests_total counter',
    `http_requests_total{code="200",method="get"} ${100 * i}`,
    `http_requests_total{code="500",method="get"} ${i}`,
    '# HELP http_request_duration_seconds Request latency.',
    '# TYPE http_request_duration_seconds histogram',
    `http_request_duration_seconds_bucket{le="0.1"} ${10 * i}`,
    `http_request_duration_seconds_bucket{le="+Inf"} ${12 * i}`,
    `http_request_duration_seconds_sum ${3 * i}.5`,
    `http_request_duration_seconds_count ${12 * i}`,
    '# HELP process_open_fds Number of open file descriptors.',
    `# TYPE process_open_fds ${fdsType}`,
    `process_open_fds ${10 + i}`,
    '',
  ].join('\n');
}

/** Three scrapes appended: 39 lines, 21 sample lines, 7 series. */
export const THREE_SCRAPES = appScrape(1) + appScrape(2) + appScrape(3);
