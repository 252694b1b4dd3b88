"""The Python API's exports (sqlite, parquet) write the same derived figures as `autofacts export`."""

from __future__ import annotations

import autofacts

# The bundled base's chains, each worked from the facts it names. "More than half of new vehicle sales
# in China" in 2025 is a share of the home market (nev-domestic-share), whose whole (domestic sales) no
# fact states, so it makes no chain: NEV sales 2025 is the stated "over 16 M" alone.
EXPECTED = [
    "ev-export-value-2024-01/2024-11-from-chongqing-ev-export-value-2025-ytd",  # 13.41 B yuan ÷ (1 + 78.9 %)
    "nev-exports-2024-from-cn-nev-exports-2025",  # > 2.61 M ÷ 2 (doubled)
    "nev-production-2021-from-chongqing-nev-production-2024",  # 950,000 ÷ > 6×
    "nev-production-2024-combined-cn-nev-production-2024-xinhua",  # > 13 M ∩ ≈ 13 M
    "nev-production-growth-2025-from-cn-nev-production-2025",  # > 16 M ÷ (13 M, 13.65 M] − 1
    "nev-sales-2023-from-cn-nev-sales-2024-miit",  # 12.866 M ÷ (1 + 35.5 %) = 9,495,202.95
    "nev-sales-2024-from-cn-nev-share-2024",  # 40.9 % × 31.436 M = 12,857,324 (a stated cell: 12.866 M)
    "nev-sales-growth-2025-from-cn-nev-sales-2025",  # > 16 M ÷ 12.866 M − 1 = > 24.36 %
    "vehicle-export-value-2024-01/2024-11-from-chongqing-vehicle-export-value-2025-ytd",  # 45.98 B ÷ (1 + 16.8 %)
    "vehicle-production-2024-01/2024-11-from-chongqing-vehicle-production-2025-ytd",  # 2.4981 M ÷ (1 + 12.1 %)
    "vehicle-production-2024-12-from-chongqing-vehicle-production-2024",  # 2.54 M − 2.228 M (Jan–Nov)
    "vehicle-sales-2023-from-cn-vehicle-sales-2024-miit",  # 31.436 M ÷ (1 + 4.5 %) = 30,082,296.65
    "vehicle-sales-2024-from-cn-nev-sales-2024-miit",  # 12.866 M ÷ 40.9 % = 31,457,212.71
    "vehicle-sales-2024-from-cn-vehicle-sales-2023-fyp",  # > 30 M × (1 + 4.5 %) = > 31.35 M
    "vehicle-sales-growth-2024-from-cn-vehicle-sales-2024-miit",  # 31.436 M ÷ > 30 M − 1 = < 4.787 %
    "vehicle-sales-growth-2025-from-cn-vehicle-sales-2025",  # > 34 M ÷ 31.436 M − 1 = > 8.156 %
]


def test_the_api_exports_every_derived_figure_the_cli_exports(run_json) -> None:
    api = [f.id for f in autofacts.open().derived_facts()]
    assert len(api) == 16
    assert sorted(api) == EXPECTED
    assert api == [f["id"] for f in run_json("export", "--format", "json")["derived"]]
