import { useCallback, useEffect, useState } from 'react';
import type { Client } from '../shared/protocol/contract';
import { ROLES, isRole, type AddedUser, type Role, type TeamUser } from '../shared/protocol/team-users';
import './history.css';

type Props = {
  client: Pick<Client, 'listUsers' | 'addUser' | 'setUserRole' | 'removeUser'>;
  /** The owner at this window (removing or demoting oneself is asked about first). */
  me: string;
  onClose: () => void;
};

/**
 * A team book's users, for its owners: list, add with a role (the server makes a one-time password, shown here
 * once), change a role, remove. The server refuses all of it to anyone but an owner; this panel is only offered to
 * owners.
 */
export function UsersPanel({ client, me, onClose }: Props) {
  const [users, setUsers] = useState<TeamUser[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [name, setName] = useState('');
  const [role, setRole] = useState<Role>('editor');
  const [added, setAdded] = useState<AddedUser | null>(null);

  const refresh = useCallback(async () => {
    const list = await client.listUsers({});
    if (list.ok) setUsers(list.value);
    else setError(list.error.message);
  }, [client]);
  useEffect(() => void refresh(), [refresh]);

  const act = async (answer: Promise<{ ok: boolean; error?: { message: string } }>) => {
    const r = await answer;
    setError(r.ok ? null : (r.error?.message ?? 'Refused'));
    await refresh();
    return r.ok;
  };
  const add = async () => {
    const who = name.trim();
    if (!who) return setError('Type the new user\'s name');
    const r = await client.addUser({ name: who, role });
    if (!r.ok) return setError(r.error.message);
    setError(null);
    setAdded(r.value);
    setName('');
    await refresh();
  };

  return (
    <aside className="side-panel users-panel" data-testid="users-panel" aria-label="Users">
      <div className="side-head">
        <h2>Users <span className="muted">{users.length}</span></h2>
        <button type="button" className="icon-button" aria-label="Close users" onClick={onClose}>×</button>
      </div>
      <form className="users-add" onSubmit={(e) => { e.preventDefault(); void add(); }}>
        <input data-testid="user-name" placeholder="New user's name" aria-label="New user's name" value={name} onChange={(e) => setName(e.target.value)} />
        <select data-testid="user-new-role" aria-label="Role of the new user" value={role} onChange={(e) => isRole(e.target.value) && setRole(e.target.value)}>
          {ROLES.map((r) => <option key={r} value={r}>{r}</option>)}
        </select>
        <button type="submit" className="primary" data-testid="user-add">Add</button>
      </form>
      {added && (
        <div className="users-password" data-testid="user-password-box" role="status">
          One-time password for <b>{added.name}</b> (shown only now; give it to them privately):{' '}
          <code data-testid="user-password">{added.password}</code>{' '}
          <button type="button" data-testid="user-password-done" onClick={() => setAdded(null)}>Done</button>
        </div>
      )}
      {error && <p className="users-error" data-testid="users-error" role="alert">{error}</p>}
      <ul className="users-list">
        {users.map((u) => (
          <li key={u.name} className="user-row" data-testid="user-row" data-user={u.name} data-role={u.role}>
            <span title={`Added ${u.created}`}>{u.name}{u.name === me ? ' (you)' : ''}</span>
            <select
              data-testid="user-role"
              aria-label={`Role of ${u.name}`}
              value={u.role}
              onChange={(e) => {
                const next = e.target.value;
                if (!isRole(next)) return;
                if (u.name === me && next !== 'owner' && !window.confirm(`Make yourself ${next}? You will no longer manage users.`)) return;
                void act(client.setUserRole({ name: u.name, role: next }));
              }}
            >
              {ROLES.map((r) => <option key={r} value={r}>{r}</option>)}
            </select>
            <button
              type="button"
              data-testid="user-remove"
              title={`Remove ${u.name} (their sessions end at once)`}
              onClick={() => {
                if (!window.confirm(`Remove ${u.name}? They are signed out at once.`)) return;
                void act(client.removeUser({ name: u.name }));
              }}
            >
              Remove
            </button>
          </li>
        ))}
      </ul>
    </aside>
  );
}
