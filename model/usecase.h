// A use case: one AI feature or initiative with its baseline, costs, value, risk and ramp-up.
#pragma once

#include "baseline.h"
#include "calendar.h"
#include "costlayer.h"
#include "enums.h"
#include "valuedriver.h"

#include <optional>
#include <string>
#include <vector>

namespace roi {

struct Outcome
{
    std::string name = "outcome"; // what one outcome is, e.g. "resolved conversation"
    double perUnit = 1;           // outcomes per handled unit

    friend bool operator==(const Outcome &, const Outcome &) = default;
};

/// Haircuts on the gross hard benefit: net = gross × Π(1 − haircut).
struct RiskDiscount
{
    double hallucination = 0;
    double humanOverride = 0;
    double dataExposure = 0;

    double factor() const { return (1 - hallucination) * (1 - humanOverride) * (1 - dataExposure); }
    friend bool operator==(const RiskDiscount &, const RiskDiscount &) = default;
};

struct RampUp
{
    YearMonth goLive;
    double rampMonths = 0; // months from go-live to steady state
    RampCurve curve = RampCurve::Linear;
    double steadyAdoption = 1;    // share of eligible units handled at steady state
    double volumeGrowth = 0;      // monthly growth of the unit volume
    double tokenPriceDecline = 0; // annual decline of token prices
    double goLiveDelay = 0;       // months of slip; scenarios move it

    friend bool operator==(const RampUp &, const RampUp &) = default;
};

struct ScorecardMetric
{
    ScorecardBucket bucket = ScorecardBucket::Outcomes;
    std::string name;
    std::string unit;
    double baseline = 0;
    double target = 0;
    std::optional<double> actual;

    friend bool operator==(const ScorecardMetric &, const ScorecardMetric &) = default;
};

struct UseCase
{
    std::string name;
    std::string description;
    Baseline baseline;
    Outcome outcome;
    std::vector<CostLayer> layers;
    std::vector<ValueDriver> drivers;
    RiskDiscount risk;
    RampUp ramp;
    MaturityStage maturity = MaturityStage::Readiness;
    std::vector<ScorecardMetric> scorecard;

    friend bool operator==(const UseCase &, const UseCase &) = default;
};

} // namespace roi
