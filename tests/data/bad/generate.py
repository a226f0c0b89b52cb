#!/usr/bin/env python3
"""Writes the bad .roiwb files of tests/data/bad/ (and tests/data/good/minimal.roiwb, the valid
file they are derived from). Each bad file breaks exactly one rule; tst_workbookfile holds what
the reader must say about each (the JSON path and the message). Rerun after changing a case:

    python3 tests/data/bad/generate.py
"""
import copy
import json
import os

HERE = os.path.dirname(os.path.abspath(__file__))
GOOD = os.path.join(HERE, "..", "good")


def base():
    return {
        "format": "roi-workbench",
        "version": 1,
        "settings": {
            "name": "Minimal workbook",
            "currency": "USD",
            "startMonth": "2026-01",
            "horizonMonths": 24,
            "discountRate": 0.1,
            "softValueInHeadline": False,
            "preparedBy": "Tests",
            "logoPng": "",
            "monteCarlo": {"trials": 100, "seed": 1},
        },
        "priceBook": [
            {"model": "m", "input": 2.5, "output": 10.0, "cachedInput": 1.25,
             "asOf": "2025-12-01"},
        ],
        "scenarios": [
            {"name": "Base", "description": "", "adjustments": []},
            {"name": "Best", "description": "",
             "adjustments": [{"input": "baseline.volume", "op": "multiply", "value": 1.1}]},
            {"name": "Worst", "description": "",
             "adjustments": [{"input": "baseline.volume", "op": "multiply", "value": 0.9}]},
        ],
        "useCases": [
            {
                "name": "Case",
                "description": "A small use case with one layer of most types.",
                "baseline": {
                    "capturedOn": "2025-11-01", "source": "Export", "unit": "ticket",
                    "volume": 1000, "minutesPerUnit": 10, "hourlyRate": 40, "errorRate": 0.05,
                    "conversionRate": 0, "costPerUnit": 5, "notes": "",
                },
                "outcome": {"name": "ticket closed", "perUnit": 1},
                "costLayers": [
                    {"name": "Model tokens", "type": "tokenUsage", "category": "modelTokens",
                     "model": "m", "callsPerUnit": 1, "inputTokens": 1000, "outputTokens": 200,
                     "cachedInputTokens": 0, "overhead": 0},
                    {"name": "Hosting", "type": "fixedMonthly", "category": "infrastructure",
                     "amount": 100},
                    {"name": "Engineering", "type": "staff", "category": "integration",
                     "fte": 0.1, "annualCost": 120000},
                    {"name": "Review", "type": "humanReview", "category": "humanReview",
                     "share": 0.1, "minutesPerReview": 1, "hourlyRate": 40},
                    {"name": "Build", "type": "oneTime", "category": "integration",
                     "amount": 5000, "month": 1, "spreadMonths": 2},
                ],
                "valueDrivers": [
                    {"name": "Labor", "kind": "laborReclaimed", "hard": True,
                     "term": "avoidedCost", "area": "operationalEfficiency", "shareCounted": 1,
                     "minutesWithAi": 4},
                    {"name": "CSAT", "kind": "softValue", "hard": False, "term": "avoidedCost",
                     "area": "decisionIntelligence", "metric": "CSAT", "metricBaseline": 80,
                     "metricTarget": 85, "moneyValue": 100, "shareCounted": 1},
                ],
                "risk": {"hallucination": 0.02, "humanOverride": 0.03, "dataExposure": 0},
                "ramp": {"goLive": "2026-02", "curve": "sCurve", "rampMonths": 3,
                         "steadyAdoption": 0.8, "volumeGrowth": 0, "tokenPriceDecline": 0.2,
                         "goLiveDelay": 0},
                "maturity": "readiness",
                "scorecard": [
                    {"bucket": "speed", "name": "Handle time", "unit": "min", "baseline": 10,
                     "target": 4},
                ],
            }
        ],
    }


def text(doc):
    return json.dumps(doc, indent=2, ensure_ascii=False) + "\n"


FILES = {}


def put(name, content):
    assert name not in FILES, name
    FILES[name] = content.encode("utf-8") if isinstance(content, str) else content


def mutated(name, change):
    doc = base()
    change(doc)
    put(name, text(doc))


def replaced(name, old, new):
    """The base text with one literal piece replaced (for things json.dumps cannot write)."""
    t = text(base())
    assert t.count(old) == 1, (name, old)
    put(name, t.replace(old, new))


uc = lambda d: d["useCases"][0]
layer = lambda d, i: d["useCases"][0]["costLayers"][i]

# --- Not JSON at all, or not a workbook --------------------------------------------------
put("empty.roiwb", b"")
put("whitespace-only.roiwb", "  \n\t\n")
put("truncated.roiwb", text(base())[:1500])
put("binary-garbage.roiwb", bytes((i * 73 + 41) % 256 for i in range(512)))
put("utf16.roiwb", text(base()).encode("utf-16"))
put("png-file.roiwb", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(64)))
# Invalid UTF-8 has to be written as bytes.
put("invalid-utf8.roiwb", text(base()).encode("utf-8").replace(
    b"A small use case", b"A small \xff\xfe use case"))
put("overlong-utf8.roiwb", text(base()).encode("utf-8").replace(
    b"A small use case", b"A small \xc0\xaf use case"))
replaced("nan-literal.roiwb", '"volume": 1000', '"volume": NaN')
replaced("infinity-literal.roiwb", '"volume": 1000', '"volume": Infinity')
replaced("number-overflow.roiwb", '"volume": 1000', '"volume": 1e400')
replaced("comment.roiwb", '"version": 1,', '"version": 1, // the format version')
replaced("single-quotes.roiwb", '"maturity": "readiness"', "'maturity': 'readiness'")
put("trailing-garbage.roiwb", text(base()) + "}\n")
put("root-array.roiwb", "[]\n")
put("root-number.roiwb", "42\n")
mutated("wrong-format-tag.roiwb", lambda d: d.update(format="roi-workbook"))
mutated("missing-format.roiwb", lambda d: d.pop("format"))
mutated("unknown-version.roiwb", lambda d: d.update(version=5))
replaced("huge-version.roiwb", '"version": 1,', '"version": 18446744073709551615,')
mutated("version-zero.roiwb", lambda d: d.update(version=0))
mutated("version-string.roiwb", lambda d: d.update(version="1"))
mutated("missing-version.roiwb", lambda d: d.pop("version"))

# --- Wrong types -------------------------------------------------------------------------
mutated("volume-is-string.roiwb", lambda d: uc(d)["baseline"].update(volume="1000"))
mutated("hourly-rate-null.roiwb", lambda d: uc(d)["baseline"].update(hourlyRate=None))
mutated("layers-is-object.roiwb", lambda d: uc(d).update(costLayers={}))
mutated("settings-is-array.roiwb", lambda d: d.update(settings=[]))
mutated("flag-is-string.roiwb", lambda d: d["settings"].update(softValueInHeadline="yes"))
mutated("use-case-is-number.roiwb", lambda d: d.update(useCases=[42]))
mutated("name-is-number.roiwb", lambda d: uc(d).update(name=7))
mutated("adjustment-value-is-string.roiwb",
        lambda d: d["scenarios"][1]["adjustments"][0].update(value="1.1"))

# --- Out of range ------------------------------------------------------------------------
mutated("negative-volume.roiwb", lambda d: uc(d)["baseline"].update(volume=-1000))
mutated("negative-input-tokens.roiwb", lambda d: layer(d, 0).update(inputTokens=-1))
mutated("share-above-one.roiwb", lambda d: layer(d, 3).update(share=1.5))
mutated("horizon-too-long.roiwb", lambda d: d["settings"].update(horizonMonths=121))
mutated("horizon-zero.roiwb", lambda d: d["settings"].update(horizonMonths=0))
mutated("horizon-fraction.roiwb", lambda d: d["settings"].update(horizonMonths=24.5))
mutated("one-time-month-zero.roiwb", lambda d: layer(d, 4).update(month=0))
mutated("one-time-month-fraction.roiwb", lambda d: layer(d, 4).update(month=1.5))
mutated("negative-seed.roiwb", lambda d: d["settings"]["monteCarlo"].update(seed=-1))
mutated("discount-rate-too-high.roiwb", lambda d: d["settings"].update(discountRate=5))
mutated("adoption-above-one.roiwb", lambda d: uc(d)["ramp"].update(steadyAdoption=1.2))
replaced("volume-1e300.roiwb", '"volume": 1000', '"volume": 1e300')

# --- Beyond the limits -------------------------------------------------------------------
put("deep-nesting.roiwb",
    '{"format": "roi-workbench", "version": 1, "x": ' + "[" * 40 + "]" * 40 + "}\n")
mutated("too-many-use-cases.roiwb", lambda d: d.update(useCases=[{}] * 1001))
mutated("too-many-layers.roiwb", lambda d: uc(d).update(costLayers=[{}] * 201))
mutated("too-many-drivers.roiwb", lambda d: uc(d).update(valueDrivers=[{}] * 201))
mutated("too-many-prices.roiwb", lambda d: d.update(priceBook=[{}] * 1001))
mutated("too-many-adjustments.roiwb",
        lambda d: d["scenarios"][1].update(adjustments=[{}] * 1001))
mutated("description-too-long.roiwb", lambda d: uc(d).update(description="x" * 10001))
mutated("name-too-long.roiwb", lambda d: uc(d).update(name="n" * 201))


def many_problems(d):
    bad = {"name": "", "type": "fixedMonthly", "category": "other", "amount": -1}
    uc(d)["costLayers"] = [dict(bad) for _ in range(150)]  # two errors each


mutated("too-many-problems.roiwb", many_problems)

# --- Duplicates --------------------------------------------------------------------------
mutated("duplicate-use-case-names.roiwb",
        lambda d: d["useCases"].append(copy.deepcopy(uc(d))))
mutated("duplicate-layer-names.roiwb", lambda d: layer(d, 1).update(name="Model tokens"))
mutated("duplicate-driver-names.roiwb",
        lambda d: uc(d)["valueDrivers"][1].update(name="Labor"))
mutated("duplicate-price-models.roiwb",
        lambda d: d["priceBook"].append(dict(d["priceBook"][0])))
mutated("duplicate-scenario-names.roiwb", lambda d: d["scenarios"][2].update(name="Best"))

# --- Unknown enum values -----------------------------------------------------------------
mutated("unknown-layer-type.roiwb", lambda d: layer(d, 0).update(type="tokens"))
mutated("enum-wrong-case.roiwb", lambda d: layer(d, 0).update(type="TokenUsage"))
mutated("unknown-category.roiwb", lambda d: layer(d, 1).update(category="hosting"))
mutated("unknown-driver-kind.roiwb", lambda d: uc(d)["valueDrivers"][0].update(kind="magic"))
mutated("unknown-curve.roiwb", lambda d: uc(d)["ramp"].update(curve="exponential"))
mutated("unknown-op.roiwb", lambda d: d["scenarios"][1]["adjustments"][0].update(op="divide"))
mutated("enum-is-number.roiwb", lambda d: uc(d).update(maturity=2))

# --- Missing required keys ---------------------------------------------------------------
mutated("missing-use-cases.roiwb", lambda d: d.pop("useCases"))
mutated("missing-layer-name.roiwb", lambda d: layer(d, 0).pop("name"))
mutated("missing-layer-type.roiwb", lambda d: layer(d, 1).pop("type"))
mutated("missing-driver-kind.roiwb", lambda d: uc(d)["valueDrivers"][0].pop("kind"))
mutated("missing-ramp.roiwb", lambda d: uc(d).pop("ramp"))
mutated("missing-go-live.roiwb", lambda d: uc(d)["ramp"].pop("goLive"))
mutated("missing-use-case-name.roiwb", lambda d: uc(d).pop("name"))
mutated("missing-metric-name.roiwb", lambda d: uc(d)["scorecard"][0].pop("name"))
mutated("missing-price-model.roiwb", lambda d: d["priceBook"][0].pop("model"))
mutated("missing-adjustment-input.roiwb",
        lambda d: d["scenarios"][1]["adjustments"][0].pop("input"))
mutated("empty-use-case-name.roiwb", lambda d: uc(d).update(name=""))

# --- Dates -------------------------------------------------------------------------------
mutated("date-february-30.roiwb", lambda d: uc(d)["baseline"].update(capturedOn="2026-02-30"))
mutated("date-day-first.roiwb", lambda d: uc(d)["baseline"].update(capturedOn="01/11/2025"))
mutated("date-not-leap-year.roiwb", lambda d: d["priceBook"][0].update(asOf="2025-02-29"))
mutated("month-13.roiwb", lambda d: d["settings"].update(startMonth="2026-13"))
mutated("month-in-words.roiwb", lambda d: uc(d)["ramp"].update(goLive="March 2026"))
mutated("month-before-1900.roiwb", lambda d: d["settings"].update(startMonth="1899-12"))
mutated("date-with-time.roiwb",
        lambda d: uc(d)["baseline"].update(capturedOn="2025-11-01T00:00:00Z"))

# --- Other rules -------------------------------------------------------------------------
mutated("currency-lower-case.roiwb", lambda d: d["settings"].update(currency="usd"))
mutated("currency-symbol.roiwb", lambda d: d["settings"].update(currency="$"))
mutated("logo-not-base64.roiwb", lambda d: d["settings"].update(logoPng="not base64!"))
mutated("bad-named-input.roiwb",
        lambda d: d["scenarios"][1]["adjustments"][0].update(input="baseline.volumen"))
mutated("named-input-without-selector.roiwb",
        lambda d: d["scenarios"][1]["adjustments"][0].update(input="layers.share"))
mutated("adjustment-names-missing-use-case.roiwb",
        lambda d: d["scenarios"][1]["adjustments"][0].update(useCase="Nope"))

# --- Recovered with a warning ------------------------------------------------------------
mutated("warning-unknown-keys.roiwb", lambda d: (d.update(colour="blue"),
                                                 uc(d).update(owner="Ops")))
mutated("warning-missing-scenarios.roiwb", lambda d: d.pop("scenarios"))
mutated("warning-missing-worst.roiwb", lambda d: d["scenarios"].pop(2))
mutated("warning-soft-driver-marked-hard.roiwb",
        lambda d: uc(d)["valueDrivers"][1].update(hard=True))


def main():
    os.makedirs(GOOD, exist_ok=True)
    with open(os.path.join(GOOD, "minimal.roiwb"), "w", encoding="utf-8") as f:
        f.write(text(base()))
    # A UTF-8 byte order mark is tolerated (editors on Windows add one).
    with open(os.path.join(GOOD, "utf8-bom.roiwb"), "wb") as f:
        f.write(b"\xef\xbb\xbf" + text(base()).encode("utf-8"))
    for name in os.listdir(HERE):
        if name.endswith(".roiwb"):
            os.remove(os.path.join(HERE, name))
    for name, content in sorted(FILES.items()):
        with open(os.path.join(HERE, name), "wb") as f:
            f.write(content)
    print(f"{len(FILES)} files in {HERE}")


if __name__ == "__main__":
    main()
