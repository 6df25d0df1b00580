// Log CSVs exported in another language than English (Kibana's and Grafana's CSV with a localized
// UI, Excel, Windows Event Viewer's "Save All Events As… CSV" on a German, French, Spanish,
// Italian, Portuguese or Dutch Windows): their header names the time, level, message and service
// columns in that language, and Event Viewer's level cells are localized too. Table-driven and
// conservative: only whole column names known to mean that column, compared without case,
// accents, spaces or punctuation; anything else keeps its own name.

/** `Gravité`, `ID de l’événement` → `gravite`, `iddelevenement`. */
export function foldName(h: string): string {
  return h.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().replace(/[^a-z0-9]/g, '');
}

/** Localized column names (folded) → the English name the importer reads. */
const COLUMNS: Readonly<Record<string, string>> = {
  // the time (a whole timestamp)
  zeitstempel: 'timestamp', zeitpunkt: 'timestamp', // de
  horodatage: 'timestamp', // fr
  marcadetiempo: 'timestamp', marcatemporal: 'timestamp', // es
  marcatemporale: 'timestamp', // it
  carimbodedatahora: 'timestamp', // pt
  tijdstempel: 'timestamp', tijdstip: 'timestamp', // nl
  // Event Viewer's "Date and Time" (its export's own column, read as the time)
  datumunduhrzeit: 'Date and Time', dateetheure: 'Date and Time', fechayhora: 'Date and Time', dataeora: 'Date and Time', dataehora: 'Date and Time', datumentijd: 'Date and Time',
  // a date and a time of day in two columns (read together, as `Date` and `Time` are)
  datum: 'date', uhrzeit: 'time', heure: 'time', fecha: 'date', hora: 'time', tijd: 'time',
  // the level
  stufe: 'level', ebene: 'level', schweregrad: 'severity', protokollebene: 'level', // de
  niveau: 'level', gravite: 'severity', severite: 'severity', // fr (and nl `niveau`)
  nivel: 'level', gravedad: 'severity', severidad: 'severity', // es (and pt `nível`)
  livello: 'level', gravita: 'severity', severita: 'severity', // it
  severidade: 'severity', gravidade: 'severity', // pt
  // the message
  nachricht: 'message', meldung: 'message', // de
  mensaje: 'message', // es
  messaggio: 'message', // it
  mensagem: 'message', // pt
  bericht: 'message', // nl
  // the service
  dienst: 'service', servicio: 'service', servizio: 'service', servico: 'service',
  // Windows Event Viewer's event id, source (the provider) and task category
  ereignisid: 'Event ID', idelevenement: 'Event ID', iddelevento: 'Event ID', idevento: 'Event ID', iddoevento: 'Event ID', gebeurtenisid: 'Event ID',
  quelle: 'Source', origen: 'Source', origine: 'Source', origem: 'Source', bron: 'Source',
  aufgabenkategorie: 'Task Category', categoriedelatache: 'Task Category', categoriadelatarea: 'Task Category', categoriaattivita: 'Task Category', categoriadatarefa: 'Task Category', taakcategorie: 'Task Category',
};

/** The English name a localized column name stands for; the name itself when it is none of the table's. */
export function englishColumn(h: string): string {
  // (own keys only: a column named `constructor` is no key of the table's prototype)
  const key = foldName(h);
  return Object.hasOwn(COLUMNS, key) ? COLUMNS[key]! : h;
}

/** Names of a message column in the languages above, for the message that says none was found. */
export const LOCALIZED_MESSAGE_NAMES = 'Nachricht, Meldung, Mensaje, Messaggio, Mensagem, Bericht';

/** Event Viewer's level names in those languages (folded) → severity number (as `Error`, `Warning`… read in English). */
const LEVELS: Readonly<Record<string, number>> = {
  // critical
  kritisch: 21, critique: 21, critico: 21, kritiek: 21,
  // error
  fehler: 17, erreur: 17, errore: 17, erro: 17, fout: 17,
  // warning
  warnung: 13, avertissement: 13, advertencia: 13, avviso: 13, aviso: 13, waarschuwing: 13,
  // information
  informationen: 9, informacion: 9, informazioni: 9, informacoes: 9, informatie: 9,
  // verbose
  ausfuhrlich: 1, commentaires: 1, detallado: 1, dettagliato: 1, detalhado: 1, uitgebreid: 1,
};

/** The severity number of a localized level name, if it is one. */
export function localizedLevel(text: string): number | undefined {
  const key = foldName(text);
  return Object.hasOwn(LEVELS, key) ? LEVELS[key] : undefined;
}
