// The export helpers the UI and the desktop shell share (Node-free).
export { csvField, neutraliseCell, toCsv, type CsvCell } from './csv';
export { MAX_FILE_NAME, sanitiseFileName } from './file-name';
export { escapeHtmlText, reportHtml, type ReportBlock, type ReportDocument, type ReportTable } from './report-html';
export {
  EXPORT_KINDS,
  EXPORT_MIMES,
  MAX_EXPORT_CHARS,
  SAVE_FILE_OUTCOME,
  SAVE_FILE_REQUEST,
  pngBase64,
  type ExportMime,
  type SaveFileBridge,
  type SaveFileOutcome,
  type SaveFileRequest,
} from './save-file';
