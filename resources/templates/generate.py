#!/usr/bin/env python3
"""Writes the workbook templates of resources/templates/ (File > New from Template) and the two
bundled examples of resources/examples/, which are built from the same use cases. Every figure is
a plain, dated assumption with its source in the baseline; each template states the ROI range it
is expected to land in (base scenario, over the horizon) on the last line of its description, in
the form "Expected ROI: 60% to 180% over 36 months." tst_templates checks that every template
validates, computes inside that range and raises no model check. Rerun after a change:

    python3 resources/templates/generate.py
"""
import copy
import json
import os

HERE = os.path.dirname(os.path.abspath(__file__))
EXAMPLES = os.path.join(HERE, "..", "examples")
VERSION = 2

PRICES = [
    {"model": "frontier-large", "input": 2.5, "output": 10.0, "cachedInput": 1.25,
     "asOf": "2026-11-01"},
    {"model": "frontier-mini", "input": 0.15, "output": 0.6, "cachedInput": 0.075,
     "asOf": "2026-11-01"},
]

SCENARIOS = [
    {"name": "Base", "description": "The planning case: inputs as entered.", "adjustments": []},
    {"name": "Best", "description": "More time saved, more volume, cheaper tokens, less review.",
     "adjustments": [
         {"input": "drivers[*].minutesWithAi", "op": "multiply", "value": 0.9},
         {"input": "baseline.volume", "op": "multiply", "value": 1.15},
         {"input": "prices[*].input", "op": "multiply", "value": 0.8},
         {"input": "prices[*].output", "op": "multiply", "value": 0.8},
         {"input": "prices[*].cachedInput", "op": "multiply", "value": 0.8},
         {"input": "layers[*].share", "op": "multiply", "value": 0.7},
     ]},
    {"name": "Worst",
     "description": "Lower adoption, less time saved, less volume, dearer tokens, more review, "
                    "a three-month slip.",
     "adjustments": [
         {"input": "ramp.steadyAdoption", "op": "multiply", "value": 0.7},
         {"input": "drivers[*].minutesWithAi", "op": "multiply", "value": 1.05},
         {"input": "baseline.volume", "op": "multiply", "value": 0.85},
         {"input": "prices[*].input", "op": "multiply", "value": 1.25},
         {"input": "prices[*].output", "op": "multiply", "value": 1.25},
         {"input": "prices[*].cachedInput", "op": "multiply", "value": 1.25},
         {"input": "layers[*].share", "op": "multiply", "value": 1.5},
         {"input": "ramp.goLiveDelay", "op": "add", "value": 3},
     ]},
]


def workbook(name, use_cases, horizon=36):
    return {
        "format": "roi-workbench",
        "version": VERSION,
        "settings": {
            "name": name,
            "currency": "USD",
            "startMonth": "2027-01",
            "horizonMonths": horizon,
            "discountRate": 0.1,
            "softValueInHeadline": False,
            "capacityInHeadline": False,
            "preparedBy": "Finance & Strategy",
            "logoPng": "",
            "monteCarlo": {"trials": 2000, "seed": 42},
            "hurdleRate": 0.12,
        },
        "priceBook": copy.deepcopy(PRICES),
        "scenarios": copy.deepcopy(SCENARIOS),
        "useCases": use_cases,
    }


def tokens(model, calls, inp, out, cached=0, overhead=0.0, name="Model tokens"):
    return {"name": name, "type": "tokenUsage", "category": "modelTokens", "model": model,
            "callsPerUnit": calls, "inputTokens": inp, "outputTokens": out,
            "cachedInputTokens": cached, "overhead": overhead}


def fixed(name, amount, category="infrastructure"):
    return {"name": name, "type": "fixedMonthly", "category": category, "amount": amount}


def staff(name, fte, annual, category="integration"):
    return {"name": name, "type": "staff", "category": category, "fte": fte, "annualCost": annual}


def review(share, minutes, rate):
    return {"name": "Human review", "type": "humanReview", "category": "humanReview",
            "share": share, "minutesPerReview": minutes, "hourlyRate": rate}


def per_unit(name, cost, basis="handledUnit", category="infrastructure"):
    return {"name": name, "type": "perUnit", "category": category, "basis": basis,
            "unitCost": cost}


def one_time(name, amount, month, spread, category="integration"):
    return {"name": name, "type": "oneTime", "category": category, "amount": amount,
            "month": month, "spreadMonths": spread}


def labor(name, minutes_with_ai, cashable, share=1.0):
    return {"name": name, "kind": "laborReclaimed", "hard": True, "term": "avoidedCost",
            "area": "operationalEfficiency", "shareCounted": share,
            "minutesWithAi": minutes_with_ai, "cashableShare": cashable}


def hires(name, n, annual, cashable=1.0):
    return {"name": name, "kind": "addedCapacity", "hard": True, "term": "avoidedCost",
            "area": "operationalEfficiency", "shareCounted": 1, "capacityMode": "avoidedHires",
            "hires": n, "annualCostPerHire": annual, "cashableShare": cashable}


def errors(name, reduction, cost, area="riskReduction", share=1.0):
    return {"name": name, "kind": "avoidedCost", "hard": True, "term": "avoidedCost",
            "area": area, "shareCounted": share, "avoidedMode": "errorReduction",
            "errorReduction": reduction, "costPerError": cost}


def avoided(name, amount, area="operationalEfficiency", share=1.0):
    return {"name": name, "kind": "avoidedCost", "hard": True, "term": "avoidedCost",
            "area": area, "shareCounted": share, "avoidedMode": "fixedMonthly", "amount": amount}


def uplift(name, lift, value, share):
    return {"name": name, "kind": "revenueUplift", "hard": True, "term": "revenue",
            "area": "revenueGrowth", "shareCounted": share, "conversionLift": lift,
            "valuePerConversion": value}


def margin(name, points, base, area="decisionIntelligence"):
    return {"name": name, "kind": "grossMarginGain", "hard": True, "term": "grossMargin",
            "area": area, "shareCounted": 1, "marginPoints": points, "revenueBase": base}


def soft(name, metric, before, after, money=0):
    return {"name": name, "kind": "softValue", "hard": False, "term": "avoidedCost",
            "area": "decisionIntelligence", "shareCounted": 1, "metric": metric,
            "metricBaseline": before, "metricTarget": after, "moneyValue": money}


def metric(bucket, name, unit, before, target):
    return {"bucket": bucket, "name": name, "unit": unit, "baseline": before, "target": target}


def use_case(name, description, expected, baseline, outcome, layers, drivers, risk, ramp,
             maturity, scorecard):
    lo, hi = expected
    return {
        "name": name,
        "description": description + "\nExpected ROI: %d%% to %d%% over 36 months." % (lo, hi),
        "baseline": baseline,
        "outcome": {"name": outcome, "perUnit": 1},
        "costLayers": layers,
        "valueDrivers": drivers,
        "risk": dict(zip(["hallucination", "humanOverride", "dataExposure"], risk)),
        "ramp": ramp,
        "maturity": maturity,
        "scorecard": scorecard,
    }


def baseline(captured, source, unit, volume, minutes, rate, error=0.0, conversion=0.0,
             cost=0.0, notes=""):
    return {"capturedOn": captured, "source": source, "unit": unit, "volume": volume,
            "minutesPerUnit": minutes, "hourlyRate": rate, "errorRate": error,
            "conversionRate": conversion, "costPerUnit": cost, "notes": notes}


def ramp(go_live, months, adoption, growth=0.0, decline=0.3, curve="sCurve"):
    return {"goLive": go_live, "curve": curve, "rampMonths": months, "steadyAdoption": adoption,
            "volumeGrowth": growth, "tokenPriceDecline": decline, "goLiveDelay": 0}


# ---------------------------------------------------------------------------------------------
# The use cases

def support_assistant():
    # The acceptance example's costs exactly: 50,000 conversations × (1,500 × $2.50 + 500 × $10)
    # / 1M = $437.50 tokens, $400 hosting, 0.2 FTE × $180,000 / 12 = $3,000 engineering,
    # 10% × 0.4 min × $36/h × 50,000 / 60 = $1,200 review: $5,037.50 a month.
    return use_case(
        "Support assistant",
        "An assistant that drafts answers for support agents from the knowledge base and past "
        "tickets; agents review and send. The headline counts only the budget that moves: the "
        "agents the 2027 headcount plan no longer needs to hire as volume grows. The minutes "
        "agents get back are shown as capacity.",
        (150, 350),
        baseline("2026-10-15", "Helpdesk analytics export, Q3 2026 (Jul-Sep), all channels",
                 "conversation", 50000, 40, 36, error=0.08, cost=24,
                 notes="Average handle time 40 min including after-call work; 8% of "
                       "conversations escalate to tier 2. Headcount plan 2027: 6 new agents "
                       "for 12% volume growth."),
        "conversation handled",
        [tokens("frontier-large", 1, 1500, 500),
         fixed("Retrieval & hosting", 400),
         staff("Engineering maintenance", 0.2, 180000),
         review(0.1, 0.4, 36),
         one_time("Integration build", 60000, 1, 2),
         one_time("Agent training", 12000, 3, 1, category="training")],
        [labor("Agent time reclaimed", 37, 0.0),
         hires("Planned hires avoided", 4, 69000),
         errors("Fewer escalations", 0.005, 25),
         soft("Customer satisfaction", "CSAT (%)", 78, 82)],
        (0.03, 0.05, 0.01),
        ramp("2027-03", 6, 1, growth=0.01),
        "productivity",
        [metric("outcomes", "First-contact resolution", "%", 71, 76),
         metric("adoption", "Agents using the assistant weekly", "%", 0, 85),
         metric("quality", "CSAT", "%", 78, 82),
         metric("speed", "Average handle time", "min", 40, 37),
         metric("cost", "Cost per conversation", "USD", 24, 22)])


def lead_qualification():
    return use_case(
        "Lead qualification",
        "Scores and researches inbound leads before a rep calls; reps spend their time on the "
        "leads most likely to buy. Hard value is the contribution margin of the extra deals; "
        "rep time saved is capacity unless the SDR plan shrinks.",
        (30, 120),
        baseline("2026-09-30", "CRM lead report, Jul-Sep 2026", "inbound lead", 8000, 15, 45,
                 conversion=0.06, cost=11.25,
                 notes="Reps spend about 15 minutes researching and qualifying each inbound "
                       "lead; 6% become opportunities."),
        "lead qualified",
        [tokens("frontier-mini", 3, 6000, 800),
         fixed("CRM enrichment API", 1500),
         staff("Sales operations", 0.25, 140000),
         review(0.15, 2, 45),
         one_time("CRM integration", 45000, 1, 2),
         one_time("Rep enablement", 8000, 3, 1, category="training")],
        [labor("Rep time reclaimed", 9, 0.1),
         uplift("More opportunities", 0.002, 2400, 0.3),
         soft("Speed to lead", "Minutes to first reply", 240, 30)],
        (0.05, 0.05, 0.0),
        ramp("2027-03", 4, 0.8, growth=0.01),
        "productivity",
        [metric("outcomes", "Lead-to-opportunity rate", "%", 6, 6.2),
         metric("adoption", "Leads scored before first call", "%", 0, 80),
         metric("quality", "Rep agreement with score", "%", 0, 75),
         metric("speed", "Minutes to first reply", "min", 240, 30),
         metric("cost", "Cost per qualified lead", "USD", 11.25, 8)])


def contract_review():
    return use_case(
        "Contract review",
        "First-pass review of supplier contracts against the playbook: the tool marks "
        "non-standard clauses and proposes fallback language; a lawyer decides. Hard value is "
        "outside-counsel spend no longer needed and fewer missed clauses.",
        (25, 100),
        baseline("2026-08-20", "Time-tracking sample of 300 contracts, legal operations",
                 "contract", 1200, 55, 85, error=0.04, cost=78,
                 notes="4% of contracts reach signature with a missed non-standard clause; "
                       "overflow goes to outside counsel at $350/h."),
        "contract reviewed",
        [tokens("frontier-large", 4, 20000, 2500, cached=8000),
         fixed("Contract platform licence", 2500),
         staff("Legal engineering", 0.2, 170000),
         review(0.6, 10, 85),
         one_time("Playbook encoding and integration", 70000, 1, 3),
         one_time("Lawyer training", 10000, 4, 1, category="training")],
        [labor("Lawyer time reclaimed", 30, 0.0),
         avoided("Outside counsel overflow cut", 14000),
         errors("Fewer missed clauses", 0.01, 1500)],
        (0.03, 0.05, 0.01),
        ramp("2027-04", 6, 0.75, growth=0.005),
        "decision",
        [metric("outcomes", "Contracts signed without a missed clause", "%", 96, 97),
         metric("adoption", "Contracts with a first-pass review", "%", 0, 75),
         metric("quality", "Issues found per contract", "count", 1.8, 2.2),
         metric("speed", "Review turnaround", "days", 5, 3),
         metric("cost", "Cost per contract", "USD", 78, 60)])


def coding_assistant():
    return use_case(
        "Coding assistant",
        "An AI coding assistant for 120 engineers: seats plus the tokens of agent and chat "
        "use. Engineers get time back; the cashable part is the contractor budget the 2027 plan "
        "cuts. The rest is capacity for the roadmap.",
        (15, 90),
        baseline("2026-10-01", "Engineering time survey and Jira throughput, Q3 2026",
                 "pull request", 2400, 240, 95, error=0.05, cost=380,
                 notes="120 engineers, about 20 merged pull requests each a month; 4 hours of "
                       "hands-on work per pull request; 5% need a fix after merge."),
        "pull request merged",
        [fixed("Assistant seats (120 × $39)", 4680, category="modelTokens"),
         tokens("frontier-large", 6, 12000, 1500, cached=6000, overhead=0.1,
                name="Agent and chat tokens"),
         staff("Developer productivity team", 0.3, 190000),
         review(0.1, 5, 95),
         one_time("Rollout, policies and IDE integration", 40000, 1, 2),
         one_time("Engineer training", 20000, 3, 1, category="training")],
        [labor("Engineer time reclaimed", 216, 0.2),
         errors("Fewer post-merge fixes", 0.005, 600, area="riskReduction"),
         soft("Developer satisfaction", "DevEx score", 62, 70)],
        (0.02, 0.1, 0.01),
        ramp("2027-03", 6, 0.85, growth=0.0),
        "productivity",
        [metric("outcomes", "Pull requests merged per engineer", "count", 20, 22),
         metric("adoption", "Weekly active engineers", "%", 0, 85),
         metric("quality", "Change failure rate", "%", 5, 4.5),
         metric("speed", "Cycle time", "hours", 52, 44),
         metric("cost", "Cost per pull request", "USD", 380, 360)])


def invoice_extraction():
    return use_case(
        "Invoice extraction",
        "Reads supplier invoices (PDF and scans), extracts header and line items and matches "
        "them to purchase orders; clerks handle the exceptions. Cashable: the temporary staff "
        "and overtime budget of accounts payable.",
        (40, 150),
        baseline("2026-09-15", "AP workflow report and time study, Jun-Aug 2026", "invoice",
                 30000, 6, 32, error=0.03, cost=3.2,
                 notes="6 minutes of keying and matching per invoice; 3% keyed wrong; "
                       "$20,000 a month of temporary staff and overtime at month end."),
        "invoice posted",
        [tokens("frontier-mini", 2, 5000, 1200),
         per_unit("OCR service", 0.01),
         fixed("Hosting", 600),
         staff("Finance systems", 0.25, 150000),
         review(0.15, 1.5, 32),
         one_time("ERP integration", 55000, 1, 2),
         one_time("Exception workflow design", 10000, 2, 1, category="dataGovernance")],
        [labor("Clerk time reclaimed", 2, 0.15),
         errors("Fewer keying errors", 0.02, 18)],
        (0.02, 0.05, 0.0),
        ramp("2027-03", 6, 0.85, growth=0.005),
        "businessImpact",
        [metric("outcomes", "Touchless invoices", "%", 0, 70),
         metric("adoption", "Invoices through extraction", "%", 0, 85),
         metric("quality", "Field accuracy", "%", 97, 99),
         metric("speed", "Invoice cycle time", "days", 9, 4),
         metric("cost", "Cost per invoice", "USD", 3.2, 1.9)])


def marketing_content():
    return use_case(
        "Marketing content",
        "Drafts campaign emails, landing pages and ad variants in the brand voice; writers edit "
        "and approve. Cashable: the agency and freelance budget cut from the 2027 plan; the "
        "writers' time saved is capacity.",
        (15, 80),
        baseline("2026-10-10", "Content calendar and agency invoices, Q3 2026", "content piece",
                 900, 180, 60, cost=260,
                 notes="900 pieces a month; 3 hours each in-house; $38,000 a month to agencies "
                       "and freelancers."),
        "piece published",
        [tokens("frontier-large", 8, 6000, 2000),
         fixed("Brand voice and asset platform", 2000),
         staff("Marketing operations", 0.2, 130000),
         review(0.6, 15, 60),
         one_time("Brand voice set-up and integration", 35000, 1, 2),
         one_time("Writer training", 6000, 3, 1, category="training")],
        [labor("Writer time reclaimed", 150, 0.0),
         avoided("Agency and freelance spend cut", 18000),
         soft("Campaign throughput", "Campaigns per month", 12, 16)],
        (0.05, 0.05, 0.0),
        ramp("2027-03", 6, 0.7, growth=0.0),
        "productivity",
        [metric("outcomes", "Campaigns shipped", "count", 12, 16),
         metric("adoption", "Pieces drafted with the assistant", "%", 0, 70),
         metric("quality", "First-pass approval", "%", 60, 65),
         metric("speed", "Brief to publish", "days", 8, 5),
         metric("cost", "Cost per piece", "USD", 260, 220)])


def knowledge_search():
    return use_case(
        "Internal knowledge search",
        "Answers employees' questions from policies, wikis and tickets with cited sources. The "
        "time saved is spread thin across 2,000 people, so most of it is capacity; the cashable "
        "part is the help-desk and HR tickets that no longer need a person.",
        (30, 120),
        baseline("2026-09-01", "Employee survey (n = 640) and ticket system, Jun-Aug 2026",
                 "search", 60000, 8, 55, cost=7.3,
                 notes="2,000 employees search 30 times a month each; 8 minutes to find an "
                       "answer; help desk and HR answer 4,000 how-to tickets a month."),
        "answer found",
        [tokens("frontier-mini", 2, 8000, 600),
         fixed("Vector search and connectors", 3000),
         staff("Knowledge management", 0.3, 140000, category="dataGovernance"),
         review(0.01, 3, 55),
         one_time("Connectors and permissions", 60000, 1, 3, category="dataGovernance")],
        [labor("Employee time reclaimed", 7, 0.0),
         hires("Help-desk roles not backfilled", 3, 78000),
         soft("Employee satisfaction with tools", "eNPS (tools)", 5, 15)],
        (0.05, 0.05, 0.02),
        ramp("2027-04", 6, 0.6, growth=0.0),
        "readiness",
        [metric("outcomes", "Questions answered without a ticket", "%", 0, 40),
         metric("adoption", "Weekly active employees", "%", 0, 60),
         metric("quality", "Answers with a correct citation", "%", 0, 90),
         metric("speed", "Time to answer", "min", 8, 1),
         metric("cost", "Cost per answer", "USD", 7.3, 0.5)])


def fraud_detection():
    return use_case(
        "Fraud and anomaly detection",
        "Scores card-not-present payments and expense claims for anomalies before they settle; "
        "analysts review the flagged ones. Risk reduction: fraud losses avoided, valued at the "
        "loss per case net of recoveries.",
        (60, 200),
        baseline("2026-10-31", "Fraud loss ledger and case system, Nov 2025 - Oct 2026",
                 "transaction", 400000, 0.05, 48, error=0.0015, cost=0.12,
                 notes="0.15% of transactions fraudulent, $220 average net loss; rules flag "
                       "2% for a 2.5-minute analyst check."),
        "transaction screened",
        [tokens("frontier-mini", 1, 1200, 80, name="Model scoring tokens"),
         fixed("Feature store and scoring service", 4000),
         staff("Data science and MLOps", 0.4, 180000),
         review(0.005, 2, 48),
         one_time("Data pipeline and model build", 90000, 1, 3, category="dataGovernance")],
        [errors("Fraud losses avoided", 0.0004, 220),
         labor("Analyst time on false positives", 0.03, 0.25)],
        (0.05, 0.05, 0.0),
        ramp("2027-04", 6, 0.95, growth=0.01),
        "decision",
        [metric("outcomes", "Fraud loss rate", "bp", 15, 12),
         metric("adoption", "Transactions scored", "%", 0, 95),
         metric("quality", "Precision of alerts", "%", 8, 15),
         metric("speed", "Time to block", "hours", 20, 1),
         metric("cost", "Cost per transaction screened", "USD", 0.12, 0.10)])


def demand_forecasting():
    return use_case(
        "Demand forecasting",
        "Forecasts weekly demand per product and store from sales, promotions and weather; "
        "planners adjust and approve. Decision intelligence: the gross margin recovered from "
        "fewer stock-outs and markdowns, on a stated revenue base.",
        (30, 130),
        baseline("2026-07-31", "Merchandising planning review, FY2026 H1", "forecast (SKU-store)",
                 20000, 1.5, 50, error=0.3, cost=1.25,
                 notes="20,000 SKU-store forecasts a month; forecast error (WAPE) 30%; "
                       "markdowns and stock-outs cost about 2.5% of the $4.2M monthly revenue."),
        "forecast approved",
        [tokens("frontier-mini", 1, 3000, 300, name="Explanation tokens"),
         fixed("Forecasting platform and compute", 5000),
         staff("Data science", 0.3, 175000),
         review(0.05, 3, 50),
         one_time("Data integration and back-testing", 110000, 1, 4, category="dataGovernance")],
        [margin("Margin recovered", 0.008, 4200000),
         labor("Planner time reclaimed", 1.0, 0.0)],
        (0.05, 0.1, 0.0),
        ramp("2027-05", 6, 0.9, growth=0.0),
        "decision",
        [metric("outcomes", "Markdown and stock-out cost", "% of revenue", 2.5, 1.9),
         metric("adoption", "Forecasts used without override", "%", 0, 70),
         metric("quality", "Forecast error (WAPE)", "%", 30, 22),
         metric("speed", "Planning cycle", "days", 5, 2),
         metric("cost", "Cost per forecast", "USD", 1.25, 1.1)])


TEMPLATES = [
    ("support-assistant", "Support assistant", support_assistant),
    ("lead-qualification", "Sales lead qualification", lead_qualification),
    ("contract-review", "Contract review", contract_review),
    ("coding-assistant", "Coding assistant", coding_assistant),
    ("invoice-extraction", "Invoice extraction", invoice_extraction),
    ("marketing-content", "Marketing content", marketing_content),
    ("knowledge-search", "Internal knowledge search", knowledge_search),
    ("fraud-detection", "Fraud and anomaly detection", fraud_detection),
    ("demand-forecasting", "Demand forecasting", demand_forecasting),
]


def write(path, data):
    with open(path, "w", encoding="utf-8") as f:
        json.dump(data, f, indent=2, ensure_ascii=False)
        f.write("\n")


def main():
    for stem, title, make in TEMPLATES:
        write(os.path.join(HERE, stem + ".roiwb"), workbook(title, [make()]))
    write(os.path.join(EXAMPLES, "support-assistant.roiwb"),
          workbook("Support assistant", [support_assistant()]))
    portfolio = workbook("AI portfolio 2027",
                         [support_assistant(), lead_qualification(), contract_review()])
    # Best adoption differs by use case: adjustments scoped to one use case.
    portfolio["scenarios"][1]["adjustments"][:0] = [
        {"input": "ramp.steadyAdoption", "op": "multiply", "value": 1.15,
         "useCase": "Lead qualification"},
        {"input": "ramp.steadyAdoption", "op": "multiply", "value": 1.2,
         "useCase": "Contract review"},
    ]
    write(os.path.join(EXAMPLES, "portfolio.roiwb"), portfolio)


if __name__ == "__main__":
    main()
