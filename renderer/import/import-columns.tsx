import type { ImportReport } from '../../shared/protocol/contract';
import { ownChoice, withChoice, type ColumnChoice } from '../../shared/csv/csv-columns';
import { DEAL_FIELDS } from '../../shared/model/deal';
import type { ImportChoices } from './use-csv-import';

type Props = { report: ImportReport; choices: ImportChoices; onChoose: (change: (choices: ImportChoices) => ImportChoices) => void };

/** Which field each file column fills (or none), and whether rows with an id update their deals. */
export function ImportColumns({ report, choices, onChoose }: Props) {
  const hasId = report.columns.some((c) => c.header.trim().toLowerCase() === 'id');
  const pick = (header: string, choice: ColumnChoice) => onChoose((c) => ({ ...c, map: withChoice(c.map, header, choice) }));
  return (
    <>
      <table className="import-columns" data-testid="import-columns">
        <tbody>
          {report.columns.map((column, i) => (
            <tr key={i}>
              <th scope="row">{column.header || `(column ${i + 1}, no header)`}</th>
              <td>
                {column.field === 'id' ? (
                  <span className="muted">deal id (updates)</span>
                ) : (
                  <select
                    aria-label={`Field for column ${column.header}`}
                    data-testid="import-column"
                    data-header={column.header}
                    value={ownChoice(choices.map, column.header) ?? column.field ?? 'ignore'}
                    onChange={(e) => pick(column.header, e.target.value as ColumnChoice)}
                  >
                    <option value="ignore">(ignore)</option>
                    {DEAL_FIELDS.map((f) => (
                      <option key={f} value={f}>
                        {f}
                      </option>
                    ))}
                  </select>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {hasId && (
        <label className="import-update">
          <input
            type="checkbox"
            data-testid="import-update"
            checked={choices.update}
            onChange={(e) => {
              const update = e.target.checked;
              onChoose((c) => ({ ...c, update }));
            }}
          />{' '}
          Update deals by id (rows without an id are added)
        </label>
      )}
    </>
  );
}
