import { decodeCsvBytes, type DecodedCsv } from '../../shared/csv/csv-decode';
import { readFileBytes } from '../db/file-errors';

/**
 * Read an import file as bytes and decode it strictly. A file that cannot be read is an I/O error (thrown,
 * exit 2); a file that is not UTF-8 text is invalid data (returned as a problem, exit 1).
 */
export async function readCsvFile(file: string): Promise<DecodedCsv> {
  return decodeCsvBytes(await readFileBytes(file));
}
