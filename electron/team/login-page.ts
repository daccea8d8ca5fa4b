/** The team server's login page: no script, one form, the refusal (if any) in `data-testid="error"`. */
export function loginPage(error: string | null, name = ''): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Deal book: sign in</title>
<style>
body{font:15px system-ui,sans-serif;background:#f4f5f7;color:#1d2329;display:grid;place-items:center;min-height:100vh;margin:0}
form{background:#fff;padding:28px 32px;border-radius:10px;box-shadow:0 2px 12px #0002;display:grid;gap:12px;width:300px}
h1{font-size:18px;margin:0 0 4px}label{display:grid;gap:4px;font-size:13px}
input{font:inherit;padding:7px 9px;border:1px solid #b9c0c8;border-radius:6px}
button{font:inherit;padding:8px;border:0;border-radius:6px;background:#2f6fdf;color:#fff;cursor:pointer}
p[data-testid=error]{color:#b3261e;margin:0;font-size:13px}
@media (prefers-color-scheme: dark){body{background:#15181c;color:#e4e7ea}form{background:#1f2328}input{background:#15181c;color:inherit;border-color:#444}}
</style></head>
<body><form method="post" action="/login">
<h1>Deal book</h1>
${error ? `<p data-testid="error" role="alert">${escapeHtml(error)}</p>` : ''}
<label>Name <input data-testid="login-name" name="name" autocomplete="username" required value="${escapeHtml(name)}" autofocus></label>
<label>Password <input data-testid="login-password" name="password" type="password" autocomplete="current-password" required></label>
<button data-testid="login-submit" type="submit">Sign in</button>
</form></body></html>`;
}

/** The login page's own policy: no script at all, its one inline style, a form posting only here. */
export const LOGIN_CSP = "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
