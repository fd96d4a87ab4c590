"""Real double coding: the nl-ecosent intercoder-reliability set (492 headlines, 3-14 coders each)."""
from __future__ import annotations

from pathlib import Path

import krippendorff
import numpy as np
import pandas as pd
import pytest

from qualkit.stats.agreement import OVERALL, agreement, disagreements, krippendorff_alpha, reliability_matrix

DATA = Path(__file__).resolve().parents[2].parent / "shared" / "data"
ICR = DATA / "nl-ecosent" / "icr_data.csv"
CODES = ["Economisch", "Toon_Kop", "Posit_Nega", "Context", "Hoofd_OW", "Onzekerhei"]

pytestmark = pytest.mark.skipif(not ICR.exists(), reason=f"real data not found at {ICR} (../shared/data)")


@pytest.fixture(scope="module")
def long():
    wide = pd.read_csv(ICR, sep=";", encoding="utf-8-sig", dtype=str)
    out = wide.melt(id_vars=["ID", "Codeur"], value_vars=CODES, var_name="code", value_name="value")
    out = out.rename(columns={"ID": "unit", "Codeur": "coder"})
    out["value"] = pd.to_numeric(out["value"].str.strip().replace("", np.nan))   # " " is missing
    out["coder"] = out["coder"].astype(int)
    return out


@pytest.mark.parametrize("code", CODES)
@pytest.mark.parametrize("level", ["nominal", "ordinal", "interval"])
def test_alpha_matches_package_on_real_data(long, code, level):
    mat = long[long.code == code].pivot(index="coder", columns="unit", values="value")
    ref = krippendorff.alpha(mat.to_numpy(dtype=float), level_of_measurement=level)
    assert krippendorff_alpha(mat, level) == pytest.approx(ref, abs=1e-9)
    ours = reliability_matrix(long, code)                       # from the long frame, missing kept missing
    assert ours.notna().to_numpy().sum() == mat.notna().to_numpy().sum()
    assert krippendorff_alpha(ours, level) == pytest.approx(ref, abs=1e-9)


def test_agreement_table_on_real_data(long):
    res = agreement(long, n_boot=200, random_state=1, overlap="pairs")    # 3-14 of 26 coders per headline
    t = res.table.set_index("code")
    assert t.index.tolist() == CODES + [OVERALL]
    assert len(res.coders) == 26 and res.n_units == 492
    assert t.at["Economisch", "n_units"] == 492                # every headline coded at least twice
    assert t["kappa"].isna().all()                             # more than two coders
    for code in CODES:
        assert t.at[code, "alpha_low"] <= t.at[code, "alpha"] <= t.at[code, "alpha_high"]
    assert 0 < t.at["Economisch", "alpha"] < 1
    diffs = disagreements(long, codes=["Economisch"], overlap="pairs")
    assert len(diffs) > 0 and (diffs["code"] == "Economisch").all()
    assert diffs.shape[1] == 2 + 26
