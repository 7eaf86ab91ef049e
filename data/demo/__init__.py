"""The embedded demo data set: its tables (`tables/`), the generator that made them, and what is real in it.

What is real and what is not (see README.md here and docs/DEMO_DATA.md):
- Real, from public statements (`calibration`): innovations reported and pemda reporting per year 2018–2025, the
  2023 stage split and the 2023 counts of kesehatan and pendidikan innovations, the 2024 Jawa+Sumatera and Papua
  shares, the 2024/2025 mean IID scores. The generator hits them exactly (counts) or closely (shares).
- Real records (`seeds`, `provenance = "sourced"`, with `source_url`): the innovations and awards named in the seed
  news articles (Mesuji, Banjar, Muara Enim, Palembang, Balangan).
- Synthetic (`provenance = "synthetic"`): every other row (`generator`). Titles, units, dates and scores are made up.

Importing this package is cheap (the path only); `data.demo.generator` is imported when regenerating.
"""

from pathlib import Path

TABLES_DIR = Path(__file__).resolve().parent / "tables"
