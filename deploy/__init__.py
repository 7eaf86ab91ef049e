"""Serving the dashboard to an office, a province or the nation: nginx in front, viewer replicas behind it, one editor.

The files in this folder are the deployment (docs/DEPLOY.md):
- `nginx/dasbor-site.conf` — the nginx site: sticky sessions by cookie hash over the viewers, websockets, the
  editor under /admin/ behind basic auth, compression, timeouts, a connection limit per client, TLS;
- `dasbor@.service` (one viewer per port, import off) and `dasbor-editor.service` (import on, /admin/) — systemd
  unit templates;
- `nginx/nginx.conf` — nginx's main file, for `make serve` only (nginx as an ordinary user under a run directory).

`deploy.render` fills the templates' `{{…}}` placeholders (for a server: `python -m deploy render`);
`deploy.serve` starts the same units' ExecStart/Environment as ordinary processes plus nginx on this machine
(`make serve`, `make serve-stop`, `python -m deploy status`).
"""

from pathlib import Path

DEPLOY_DIR = Path(__file__).resolve().parent
REPO = DEPLOY_DIR.parent
