// Metrics in CSV, wide or long.
//
// Wide (a time column + one column per series): each non-empty numeric cell of a value column
// is one MetricPoint named by its column header (kept as written; `cpu{pod="a"}` headers are
// split into name + labels, a trailing `(unit)` gives the unit). Columns whose cells are mostly
// text (PodName, ServiceName…) are labels on every point of the row; the time-named columns
// other than the one used (Nezha's `TimeStamp` next to `Time`) are not series. Value columns
// whose headers name the same series get a `csv_column` label (reported once as `duplicate`).
// Long (time, name/metric, value, other columns): one point per row, other columns are
// labels (a `type`/`unit` column sets those fields); an empty name is the unnamed series of a
// computed query (name '') when the row has labels, a `missing-field` when it has none.
// InfluxDB / Flux results (`influx query --raw`, the UI's CSV download) are a series of tables,
// each with its annotation rows (`#default` fills empty cells) and its own header; a table whose
// columns differ gets its own column plan, decided on its own first rows.
// Cells: empty → no point; NaN/±Inf → a point with that value; anything else that is not a
// number → `invalid-number`, counted per cell (each cell is one would-be point). A row whose
// time cannot be read is rejected with `invalid-timestamp`, counting its would-be points. A
// row with a different number of fields than the header is rejected (`invalid-line`), since
// its cells cannot be matched to columns. Times without a zone are read as UTC and reported
// once. Column roles are decided from the header and the first rows, which are held back
// (bounded) so the result does not depend on how the input is chunked.
import { emptyResource, type MetricPoint, type MetricType, type Resource } from '../../model/index.js';
import { ErrorReporter } from '../common/json-errors.js';
import { CsvReader } from '../common/csv.js';
import { INVALID_UTF8_MESSAGE } from '../common/lines.js';
import { BinaryHead } from '../prometheus/binary-head.js';
import { newProgress, type Decoder, type DecoderContext, type ImportErrorCode } from '../types.js';
import { ambiguousDatesMessage, beyondDoubleRange, beyondRangeMessage, isEmptyCell, isInfluxAnnotation, isInfluxHeader, parseCellQuantity, parseInfluxTagSet, parseCellTime, parseSeriesHeader, planColumns, type ColumnPlan } from './columns.js';
import { LabelResources } from '../common/label-resource.js';
import { collectdSeries, seriesFileOf } from './series-file.js';
import { setOwn } from '../../model/own-key.js';

/** Labels of points without any (shared; records are never modified after decoding). */
const NO_LABELS: Record<string, string> = Object.freeze({}) as Record<string, string>;
/** Distinct service/instance pairs whose Resource objects are remembered. */
const RESOURCES_CAP = 4096;

/** A cell of a Markdown table's alignment row: `---`, `:---`, `---:`, `:---:`. */
const MD_ALIGN = /^\s*:?-{3,}:?\s*$/;

/** Rows looked at before deciding column roles. */
export const PLAN_ROWS = 50;

const METRIC_TYPES = new Set<MetricType>(['gauge', 'counter', 'histogram', 'exponential-histogram', 'summary', 'unknown', 'info', 'stateset', 'gaugehistogram']);

interface HeldRow {
  fields: string[];
  line: number;
  offset: number;
}

export class CsvMetricsDecoder implements Decoder {
  readonly progress = newProgress();
  private readonly errors: ErrorReporter;
  private readonly reader: CsvReader;
  private header: string[] | undefined;
  private headerLine = 1;
  private headerOffset = 0;
  private held: HeldRow[] | undefined = [];
  private plan: ColumnPlan | undefined;
  private series: { name: string; labels: Record<string, string>; unit?: string }[] = [];
  private zoneReported = false;
  private decimalComma = false;
  private readonly gate: BinaryHead;
  /** An InfluxDB / Flux annotated CSV: several tables, each with its annotations and header. */
  private influx = false;
  /** Inside a table's annotation rows: the next other row is that table's header. */
  private tableHeaderPending = false;
  /** The `#default` row of the current table: values for its empty cells. */
  private defaults: string[] | undefined;

  constructor(private readonly ctx: DecoderContext) {
    this.seriesFile = seriesFileOf(ctx.file);
    this.errors = new ErrorReporter(ctx.file, ctx.sink, this.progress);
    this.reader = new CsvReader({
      header: (fields, line, offset) => {
        uncommentHeader(fields);
        this.header = fields;
        this.headerLine = line;
        this.headerOffset = offset;
        if (isInfluxAnnotation(fields[0])) {
          // InfluxDB annotations above the header: the header is the first row that is not one.
          this.influx = true;
          this.tableHeaderPending = true;
          this.readAnnotation(fields);
        } else if (isInfluxHeader(fields)) this.influx = true;
      },
      row: (fields, line, offset) => this.onRow(fields, line, offset),
      bad: (line, offset, message) => this.report('invalid-line', message, line, offset, true),
      note: (line, offset, message) => this.report('invalid-line', message, line, offset, false),
      tooLong: (line, offset) => this.report('line-too-long', 'CSV record longer than the line limit; skipped', line, offset, true),
      invalidUtf8: (line, offset) => this.report('invalid-utf8', INVALID_UTF8_MESSAGE, line, offset, false),
    });
    this.gate = new BinaryHead(
      (chunk) => this.reader.push(chunk),
      () => this.report('binary-data', 'binary content, not CSV', 1, 0, false),
    );
  }

  push(chunk: Uint8Array): void {
    this.progress.bytes += chunk.length;
    this.gate.push(chunk);
    this.progress.lines = this.reader.linesSeen;
  }

  end(): void {
    this.gate.end();
    if (this.gate.binary) return;
    this.reader.end();
    this.progress.lines = this.reader.linesSeen;
    if (this.held) this.decide();
    if (this.progress.bytes === 0 || !this.header || (this.header.length === 1 && this.header[0] === '')) {
      this.report('empty-input', this.progress.bytes === 0 ? 'empty input' : 'no CSV header', undefined, 0, false);
    }
  }

  private report(code: ImportErrorCode, message: string, line: number | undefined, offset: number | undefined, rejected: boolean, count = 1): void {
    this.errors.report(code, message, line, offset, rejected);
    if (rejected && count > 1) this.progress.rejected += count - 1;
  }

  private onRow(fields: string[], line: number, offset: number): void {
    // A Markdown table's alignment row under its header (`:---:|:---:`, Netdata's format=markdown): no data.
    if (fields.length > 1 && fields.every((f) => MD_ALIGN.test(f))) return;
    if (this.influx) {
      // An InfluxDB result is a series of tables (`influx query --raw`, the UI's CSV download):
      // a blank line, the next table's annotation rows and its own header, whose columns may
      // differ (other tag keys, another _value type). Each table is read with its own header.
      if (isInfluxAnnotation(fields[0])) {
        if (!this.tableHeaderPending) {
          this.tableHeaderPending = true;
          this.defaults = undefined;
        }
        this.readAnnotation(fields);
        return;
      }
      if (this.tableHeaderPending || isInfluxHeader(fields)) {
        this.tableHeaderPending = false;
        this.startTable(fields, line, offset);
        return;
      }
      const d = this.defaults;
      if (d !== undefined && d.length === fields.length) for (let i = 1; i < fields.length; i++) if (fields[i] === '' && d[i] !== '') fields[i] = d[i]!;
    }
    else if (this.isHeaderAgain(uncommentHeader([...fields]))) {
      // Another table's header: CSV downloads joined into one file (`cat a.csv b.csv`), or
      // Grafana's CSV of several frames (each a header, its rows and a blank line). Each table
      // is read with its own header, as InfluxDB tables are. (A data row keeps its first cell.)
      this.startTable(uncommentHeader(fields), line, offset);
      return;
    }
    if (this.held) {
      this.held.push({ fields, line, offset });
      if (this.held.length >= PLAN_ROWS) this.decide();
      return;
    }
    this.readRow(fields, line, offset);
  }

  /** A row whose first cell is the header's first cell, a name (`Time`, sysstat's `# hostname`): no data row's time reads so. */
  private isHeaderAgain(fields: string[]): boolean {
    const first = this.header?.[0];
    return first !== undefined && fields[0] === first && /^[A-Za-z_][\w .\-()[\]]*$/.test(first) && fields.length >= 2;
  }

  private readAnnotation(fields: string[]): void {
    if (fields[0] === '#default') this.defaults = fields;
  }

  /** A table's header: the same columns go on with the same plan; other columns get their own. */
  private startTable(fields: string[], line: number, offset: number): void {
    const cur = this.header;
    const same = cur !== undefined && cur.length === fields.length && fields.every((f, i) => f === cur[i]);
    if (same && (this.plan !== undefined || this.held !== undefined)) return;
    if (this.held && this.held.length > 0) this.decide();
    this.header = fields;
    this.headerLine = line;
    this.headerOffset = offset;
    this.plan = undefined;
    this.series = [];
    this.held = [];
  }

  private decide(): void {
    const held = this.held!;
    this.held = undefined;
    const header = this.header ?? [];
    if (header.length === 0 || (header.length === 1 && header[0] === '')) return;
    this.decimalComma = (this.reader.delimiterInUse ?? ',') !== ',';
    const plan = planColumns(
      header,
      held.filter((r) => r.fields.length === header.length).map((r) => r.fields),
      this.decimalComma,
    );
    if (plan.reject === 'ambiguous-dates') {
      this.report('invalid-timestamp', `not read: ${ambiguousDatesMessage(header[plan.ambiguous!.column]!, plan.ambiguous!.example)}`, this.headerLine, 0, false);
      this.progress.rejected += held.length;
      return;
    }
    if (plan.reject) {
      const why = {
        spans: 'it has trace/span id columns (a span CSV)',
        logs: 'it has a message/log column (a log CSV)',
        'no-time': 'no time column was found (by name or content)',
        'no-values': 'no numeric value column was found',
      }[plan.reject];
      this.report('invalid-record', `not a metrics CSV: ${why}`, this.headerLine, 0, false);
      this.progress.rejected += held.length;
      return;
    }
    this.plan = plan;
    this.series = header.map((h) => parseSeriesHeader(h));
    // collectd's csv plugin: the value list is named by the path, not by the header.
    const collectd = plan.kind === 'wide' && plan.timeColumns[0] === 0 ? collectdSeries(this.ctx.file, header) : undefined;
    if (collectd) for (const c of plan.valueColumns) this.series[c] = collectd[c - 1]!;
    this.separateSameSeries(plan, header);
    for (const r of held) this.readRow(r.fields, r.line, r.offset);
  }

  /**
   * Value columns whose headers name the same series (two Grafana panels' series both called
   * `value`, a wide CSV with a repeated column name, `cpu{a="1",b="2"}` / `cpu{b="2",a="1"}`) would
   * merge into one series: they are kept apart by a `csv_column` label (the 1-based column
   * number), and the header is reported once.
   */
  private separateSameSeries(plan: ColumnPlan, header: string[]): void {
    const byIdentity = new Map<string, number[]>();
    for (const c of plan.valueColumns) {
      const s = this.series[c]!;
      const id = s.name + '\u0000' + Object.keys(s.labels).sort().map((k) => k + '\u0001' + s.labels[k]).join('\u0002');
      const cols = byIdentity.get(id);
      if (cols) cols.push(c);
      else byIdentity.set(id, [c]);
    }
    const rowLabelKeys = new Set(plan.labelColumns.map((c) => header[c]!));
    for (const cols of byIdentity.values()) {
      if (cols.length < 2) continue;
      // The columns of a group have the same labels, so one key fits them all.
      let key = 'csv_column';
      while (Object.prototype.hasOwnProperty.call(this.series[cols[0]!]!.labels, key) || rowLabelKeys.has(key)) key = '_' + key;
      for (const c of cols) this.series[c]!.labels = { ...this.series[c]!.labels, [key]: String(c + 1) };
      const texts = [...new Set(cols.map((c) => header[c]!))].map((h) => `"${h.slice(0, 80)}"`).join(', ');
      const where = cols.map((c) => c + 1).join(', ');
      this.report('duplicate', `columns ${where} have the same series header ${texts}; kept as ${cols.length} series told apart by a "${key}" label (the column number)`, this.headerLine, this.headerOffset, false);
    }
  }

  /** Long-format name cells read as series (`cpu{pod="a"}` → name and labels), the last few kept. */
  private readonly seriesCells = new Map<string, { name: string; labels: Record<string, string> }>();

  private seriesCell(cell: string): { name: string; labels: Record<string, string> } {
    let s = this.seriesCells.get(cell);
    if (s === undefined) {
      const t = cell.trim();
      const parsed = t.includes('{') && t.endsWith('}') ? parseSeriesHeader(t) : undefined;
      s = parsed && parsed.name !== '' && Object.keys(parsed.labels).length > 0 ? { name: parsed.name, labels: parsed.labels } : { name: t, labels: NO_LABELS };
      if (this.seriesCells.size >= 1024) this.seriesCells.clear();
      this.seriesCells.set(cell, s);
    }
    return s;
  }

  /** A wide column's series is the column of this file (series-file.ts). */
  private readonly seriesFile: string;

  /** The points of one row share their provenance object. */
  private lastSource: MetricPoint['source'] = { file: '' };

  private sourceOf(line: number, offset: number): MetricPoint['source'] {
    const s = this.lastSource;
    if (s.line === line && s.offset === offset) return s;
    return (this.lastSource = { file: this.ctx.file, line, offset });
  }

  private readonly labelResources = new LabelResources(true);

  /** Resources by service and instance cell ("" when absent): rows of one service share one object. */
  private readonly resources = new Map<string, Resource>();

  private resourceOf(service: string, instance: string): Resource {
    const key = service + '\u0000' + instance;
    let r = this.resources.get(key);
    if (r === undefined) {
      r = emptyResource();
      if (service !== '') r.serviceName = service;
      if (instance !== '') r.serviceInstanceId = instance;
      if (this.resources.size >= RESOURCES_CAP) this.resources.clear(); // bounded: a column of unique ids
      this.resources.set(key, r);
    }
    return r;
  }

  private readRow(fields: string[], line: number, offset: number): void {
    const plan = this.plan;
    const header = this.header!;
    if (!plan) {
      this.progress.rejected++;
      return;
    }
    if (fields.length === 1 && fields[0] === '') return; // blank record
    if (fields.length !== header.length) {
      this.report('invalid-line', `row has ${fields.length} fields, the header has ${header.length}`, line, offset, true);
      return;
    }
    const wouldBe = plan.kind === 'long' ? 1 : plan.valueColumns.reduce((n, c) => n + (isEmptyCell(fields[c]) ? 0 : 1), 0);
    if (wouldBe === 0) return;
    let time: ReturnType<typeof parseCellTime>;
    for (const c of plan.timeColumns) {
      time = parseCellTime(fields[c]!, false, plan.slashOrder);
      if (time) break;
    }
    if (!time) {
      const cell = fields[plan.timeColumns[0]!] ?? '';
      this.report('invalid-timestamp', `time "${cell.slice(0, 80)}" cannot be read; ${wouldBe} value(s) of this row skipped`, line, offset, true, wouldBe);
      return;
    }
    if (time.withoutZone && !this.zoneReported) {
      this.zoneReported = true;
      this.report('invalid-timestamp', `times have no zone (e.g. "${fields[plan.timeColumns[0]!]}"); read as UTC`, line, offset, false);
    }
    const rowLabels: Record<string, string> = {};
    // query_csv.py writes '' for a label the series lacks (Prometheus has no empty label values)
    if (plan.tagSetColumn !== undefined) parseInfluxTagSet(fields[plan.tagSetColumn]!, rowLabels);
    for (const c of plan.labelColumns) if (!plan.promQueryCsv || fields[c] !== '') setOwn(rowLabels, header[c]!, fields[c]!);
    const resource = this.resourceOf(plan.serviceColumn === undefined ? '' : fields[plan.serviceColumn]!, plan.instanceColumn === undefined ? '' : fields[plan.instanceColumn]!);
    // Without label columns every point of a column has the same labels: one object shared by
    // them (records are never modified after decoding), so no copy per point.
    const shareLabels = plan.labelColumns.length === 0 && plan.tagSetColumn === undefined;

    if (plan.kind === 'long') {
      const prefix = plan.namePrefixColumn === undefined ? '' : fields[plan.namePrefixColumn]!.trim();
      // A series column of `name{label="value",…}` strings (Grafana's "Series" column, a PromQL
      // export): its name and labels, as a wide header's are read.
      const series = this.seriesCell(fields[plan.nameColumn!]!);
      const name = (prefix === '' ? '' : prefix + '_') + series.name;
      const cell = fields[plan.valueColumn!]!;
      // A computed PromQL series has no name, only labels (`irate(x[1m])` written by Robust
      // Perception's query_csv.py as `,1477858669.096,0.51,host:9090,prometheus`): name '' as the
      // Prometheus API importer gives it. In query_csv.py's output a row with neither name nor
      // labels is the series `{}` of an aggregation (`sum(up)`); elsewhere it identifies nothing.
      if (name === '' && !plan.promQueryCsv && !plan.labelColumns.some((c) => !isEmptyCell(fields[c]))) return this.report('missing-field', 'row without a metric name or labels', line, offset, true);
      // (no value: a gap in the series, as an empty cell of a wide CSV is)
      if (isEmptyCell(cell)) return;
      const q = parseCellQuantity(cell, this.decimalComma);
      if (q === undefined) return this.report('invalid-number', `value "${cell.slice(0, 80)}" of "${name}" is not a number`, line, offset, true);
      if (beyondDoubleRange(cell, q.value)) return this.report('invalid-number', beyondRangeMessage(cell, plan.valueColumn! + 1, header[plan.valueColumn!]), line, offset, true);
      const typeCell = plan.typeColumn === undefined ? '' : fields[plan.typeColumn]!.trim().toLowerCase();
      const type: MetricType = METRIC_TYPES.has(typeCell as MetricType) ? (typeCell as MetricType) : 'gauge';
      const unit = (plan.unitColumn === undefined ? undefined : fields[plan.unitColumn]!.trim() || undefined) ?? q.unit;
      const labels = series.labels === NO_LABELS ? (shareLabels ? NO_LABELS : { ...rowLabels }) : { ...rowLabels, ...series.labels };
      this.emit(name, labels, type, unit, q.value, time.ns, resource, line, offset, undefined);
      return;
    }
    // A pivoted InfluxDB table: `<measurement>_<field>`, as in its one-row-per-value form.
    const prefix = plan.namePrefixColumn === undefined ? '' : fields[plan.namePrefixColumn]!.trim();
    for (const c of plan.valueColumns) {
      const cell = fields[c]!;
      if (isEmptyCell(cell)) continue;
      const q = parseCellQuantity(cell, this.decimalComma);
      if (q === undefined) {
        this.report('invalid-number', `cell "${cell.slice(0, 80)}" of column "${header[c]}" is not a number`, line, offset, true);
        continue;
      }
      if (beyondDoubleRange(cell, q.value)) {
        this.report('invalid-number', beyondRangeMessage(cell, c + 1, header[c]), line, offset, true);
        continue;
      }
      const s = this.series[c]!;
      this.emit(prefix === '' ? s.name : prefix + '_' + s.name, shareLabels ? s.labels : { ...rowLabels, ...s.labels }, 'gauge', q.unit ?? s.unit, q.value, time.ns, resource, line, offset, this.seriesFile);
    }
  }

  private emit(
    name: string,
    labels: Record<string, string>,
    type: MetricType,
    unit: string | undefined,
    value: number,
    timeNs: bigint,
    resource: MetricPoint['resource'],
    line: number,
    offset: number,
    /** A wide column's file (its name and labels alone may be any file's: `value`). */
    seriesFile: string | undefined,
  ): void {
    // Without a service or instance column, the labels may name the service (`job`, `service_name`, Datadog's `service:web`).
    if (this.plan!.serviceColumn === undefined && this.plan!.instanceColumn === undefined) resource = this.labelResources.of(labels);
    const point: MetricPoint = {
      kind: 'metric',
      name,
      type,
      temporality: type === 'counter' || type === 'histogram' || type === 'summary' ? 'cumulative' : 'unspecified',
      labels,
      timeNs,
      value,
      exemplars: [],
      resource,
      source: this.sourceOf(line, offset),
    };
    if (unit !== undefined) point.unit = unit;
    if (seriesFile !== undefined) point.seriesFile = seriesFile;
    this.progress.records++;
    this.ctx.sink.record(point);
  }
}

export function createCsvMetricsDecoder(ctx: DecoderContext): Decoder {
  return new CsvMetricsDecoder(ctx);
}

/**
 * A header written as a comment, `# hostname;interval;timestamp;…` (sysstat's `sadf -d`, one such
 * header above each activity's rows): its first cell loses the `# `, in place.
 */
export function uncommentHeader(fields: string[]): string[] {
  const first = fields[0];
  if (fields.length >= 2 && first !== undefined && /^# [A-Za-z_]/.test(first)) fields[0] = first.slice(2);
  return fields;
}
