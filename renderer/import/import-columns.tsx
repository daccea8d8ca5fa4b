import type { ImportReport } from '../../shared/protocol/contract';
import { normalise, ownChoice, withChoice, type ColumnChoice } from '../../shared/csv/csv-columns';
import { DEAL_FIELDS } from '../../shared/model/deal';
import type { ImportChoices } from './use-csv-import';

type Props = { report: ImportReport; choices: ImportChoices; onChoose: (change: (choices: ImportChoices) => ImportChoices) => void };

/**
 * Which field each file column fills (or none), and whether rows with an id update their deals. Update by id is
 * offered for any file, and with it `id` among each column's choices, as `dealbook import --update --map
 * "Deal ID=id"` allows: a file's id column is not always headed `id`.
 */
export function ImportColumns({ report, choices, onChoose }: Props) {
  const pick = (header: string, choice: ColumnChoice) => onChoose((c) => ({ ...c, map: withChoice(c.map, header, choice) }));
  const chosen = report.columns.map((column) => ownChoice(choices.map, column.header) ?? column.field ?? (normalise(column.header) === 'id' ? 'id' : 'ignore'));
  const idChosen = chosen.includes('id');
  return (
    <>
      <table className="import-columns" data-testid="import-columns">
        <tbody>
          {report.columns.map((column, i) => (
            <tr key={i}>
              <th scope="row">{column.header || `(column ${i + 1}, no header)`}</th>
              <td>
                <select
                  aria-label={`Field for column ${column.header}`}
                  data-testid="import-column"
                  data-header={column.header}
                  value={chosen[i]}
                  onChange={(e) => pick(column.header, e.target.value as ColumnChoice)}
                >
                  <option value="ignore">(ignore)</option>
                  {(choices.update || chosen[i] === 'id') && <option value="id">id (the deal to update)</option>}
                  {DEAL_FIELDS.map((f) => (
                    <option key={f} value={f}>
                      {f}
                    </option>
                  ))}
                </select>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {report.columns.length > 0 && (
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
      {choices.update && !idChosen && (
        <p className="muted" data-testid="import-no-id">
          No column is the deal id yet: choose id for the column that holds it, or every row is added as a new deal.
        </p>
      )}
      {!choices.update && idChosen && (
        <p className="muted" data-testid="import-id-unused">
          The id column is read only when updating deals by id: without it, every row is added as a new deal.
        </p>
      )}
    </>
  );
}
