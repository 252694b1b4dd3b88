"""The Python API's exports (sqlite, parquet) write the same derived figures as `autofacts export`."""

from __future__ import annotations

import autofacts

# The bundled base's chains, each worked from the facts it names:
EXPECTED = [
    "ev-export-value-2024-01/2024-11-from-chongqing-ev-export-value-2025-ytd",  # 13.41 B yuan ÷ (1 + 78.9 %)
    "nev-exports-2024-from-cn-nev-exports-2025",  # > 2.61 M ÷ 2 (doubled)
    "nev-production-2021-from-chongqing-nev-production-2024",  # 950,000 ÷ > 6×
    "nev-production-2024-combined-cn-nev-production-2024-xinhua",  # > 13 M ∩ ≈ 13 M
    "nev-production-growth-2025-from-cn-nev-production-2025",  # > 16 M ÷ (13 M, 13.65 M] − 1
    "nev-sales-2024-from-cn-nev-share-2024",  # 40.9 % × > 30 M
    "nev-sales-2025-from-cn-nev-share-2025",  # > 50 % × > 34 M (a stated cell: "over 16 M")
    "vehicle-export-value-2024-01/2024-11-from-chongqing-vehicle-export-value-2025-ytd",  # 45.98 B ÷ (1 + 16.8 %)
    "vehicle-production-2024-01/2024-11-from-chongqing-vehicle-production-2025-ytd",  # 2.4981 M ÷ (1 + 12.1 %)
    "vehicle-production-2024-12-from-chongqing-vehicle-production-2024",  # 2.54 M − 2.228 M (Jan–Nov)
]


def test_the_api_exports_every_derived_figure_the_cli_exports(run_json) -> None:
    api = [f.id for f in autofacts.open().derived_facts()]
    assert len(api) == 10
    assert sorted(api) == EXPECTED
    assert api == [f["id"] for f in run_json("export", "--format", "json")["derived"]]
