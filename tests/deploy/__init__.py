"""Deploy tests: the topology of docs/DEPLOY.md started by `make serve` (real nginx, real Streamlit processes)."""
