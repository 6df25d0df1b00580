import { describe, expect, it } from 'vitest';
import { csvLogs } from '../../../../analyzers/importers/csv-logs/index.js';
import { makeSniffInput, sniffFormat } from '../../../../analyzers/importers/sniff.js';
import { decodeText, expectChunkingInvariant, logs } from '../jsonl-logs/log-test-helpers.js';

const enc = (s: string) => new TextEncoder().encode(s);
const sniffed = (s: string) => sniffFormat(makeSniffInput(enc(s), true)).spec?.id;

// A Kibana/Excel export on a German system: `;` between fields, a decimal comma, German names of
// the time, level, service and message columns, a German date with a comma before the milliseconds.
const DE = ['Zeitstempel;Stufe;Dienst;Nachricht;Dauer (ms)', '15.01.2024 10:23:45,123;ERROR;checkout;Zahlung fehlgeschlagen: Zeitüberschreitung;1500,5', '15.01.2024 10:23:46,001;INFO;checkout;Bestellung 4711 angelegt;12,25', ''].join('\r\n');

describe('csv-logs: headers in other languages', () => {
  it('German: Zeitstempel, Stufe, Dienst and Nachricht are the time, level, service and message; other columns keep their names', () => {
    expect(sniffed(DE)).toBe('csv-logs');
    const r = decodeText(csvLogs, DE);
    expect(r.errors).toEqual([]);
    const recs = logs(r);
    expect(recs.map((x) => x.body)).toEqual(['Zahlung fehlgeschlagen: Zeitüberschreitung', 'Bestellung 4711 angelegt']);
    expect(recs.map((x) => x.timeNs)).toEqual([1705314225123000000n, 1705314226001000000n]);
    expect(recs.map((x) => x.severityNumber)).toEqual([17, 9]);
    expect(recs[0]!.resource.serviceName).toBe('checkout');
    expect(recs[0]!.attributes).toEqual({ 'Dauer (ms)': '1500,5', Dienst: 'checkout' });
    expect(recs[0]!.structured).toBe(true);
    expectChunkingInvariant(csvLogs, enc(DE));
  });

  it('French and Spanish: Horodatage/Niveau/Message, Marca de tiempo/Nivel/Mensaje', () => {
    const fr = 'Horodatage;Niveau;Service;Message\n2024-01-15T10:23:45.123Z;ERROR;paiement;Échec du paiement\n';
    const es = 'Marca de tiempo,Nivel,Servicio,Mensaje\n2024-01-15T10:23:45.123Z,WARN,pagos,Pago lento\n';
    for (const [text, body, sev, svc] of [[fr, 'Échec du paiement', 17, 'paiement'], [es, 'Pago lento', 13, 'pagos']] as const) {
      expect(sniffed(text)).toBe('csv-logs');
      const [rec] = logs(decodeText(csvLogs, text));
      expect(rec!.body).toBe(body);
      expect(rec!.timeNs).toBe(1705314225123000000n);
      expect(rec!.severityNumber).toBe(sev);
      expect(rec!.resource.serviceName).toBe(svc);
    }
  });

  it("a German Event Viewer export: its localized columns and level names are read as the English export's", () => {
    const text = ['Ebene,Datum und Uhrzeit,Quelle,Ereignis-ID,Aufgabenkategorie', 'Fehler,15.01.2024 10:23:45,Application Error,1000,(100),Name der fehlerhaften Anwendung: app.exe', 'Warnung,15.01.2024 10:24:00,Microsoft-Windows-DNS-Client,1014,(1014),Timeout bei der Namensauflösung.', ''].join('\r\n');
    expect(sniffed(text)).toBe('csv-logs');
    const r = decodeText(csvLogs, text);
    expect(r.errors).toEqual([]);
    const recs = logs(r);
    expect(recs.map((x) => [x.severityText, x.severityNumber])).toEqual([['Fehler', 17], ['Warnung', 13]]);
    expect(recs.map((x) => x.timeNs)).toEqual([1705314225000000000n, 1705314240000000000n]);
    expect(recs.map((x) => x.resource.serviceName)).toEqual(['Application Error', 'Microsoft-Windows-DNS-Client']);
    expect(recs[0]!.attributes['Ereignis-ID']).toBe('1000');
    expect(recs[0]!.body).toBe('Name der fehlerhaften Anwendung: app.exe');
  });

  it('no column named as a message is: claimed, and the error names the columns that were recognised', () => {
    const text = 'Zeitstempel;Stufe;Inhalt\n15.01.2024 10:23:45,123;ERROR;Zahlung fehlgeschlagen\n';
    expect(sniffed(text)).toBe('csv-logs');
    const r = decodeText(csvLogs, text);
    expect(r.errors.map((e) => [e.code, e.line])).toEqual([['missing-field', 1]]);
    expect(r.errors[0]!.message).toContain('no message column in header (Zeitstempel,Stufe,Inhalt)');
    expect(r.errors[0]!.message).toContain('the columns recognised are time (Zeitstempel), level (Stufe)');
    expect(r.progress).toMatchObject({ records: 0, rejected: 1 });
  });
});

describe('csv-logs: column and level names that are keys of every object', () => {
  // The table lookups read own keys only: a column named `constructor` (or `Constructor`, `toString`)
  // made the header unreadable (unrecognised format, 0 records), as `{}['constructor']` is a function.
  it('a header with a `constructor` column is read: time, level and message mapped, the column kept', () => {
    const text = 'time,level,message,constructor\n2024-01-15T10:23:45.123Z,ERROR,payment failed,x\n2024-01-15T10:23:46.000Z,constructor,second,y\n';
    expect(sniffed(text)).toBe('csv-logs');
    const r = decodeText(csvLogs, text);
    expect(r.errors).toEqual([]);
    const recs = logs(r);
    expect(recs.map((x) => x.body)).toEqual(['payment failed', 'second']);
    expect(recs.map((x) => x.severityNumber)).toEqual([17, undefined]);
    expect(recs[0]!.attributes).toEqual({ constructor: 'x' });
  });
});
