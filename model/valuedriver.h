// One value driver of a use case: a hard or soft benefit, mapped to one term of the ROI numerator
// and one value area. A flat value like CostLayer; inputs.h says which fields each kind uses.
#pragma once

#include "enums.h"

#include <string>

namespace roi {

/// The cashable share a new labor or capacity driver starts with (see the field's help).
inline constexpr double kDefaultCashableShare = 0.5;

struct ValueDriver
{
    std::string name;
    DriverKind kind = DriverKind::LaborReclaimed;
    bool hard = true;
    NumeratorTerm term = NumeratorTerm::AvoidedCost;
    ValueArea area = ValueArea::OperationalEfficiency;
    double shareCounted = 1; // share of the computed value the case claims

    // Labor reclaimed: (baseline minutes − minutes with AI) / 60 × hourly rate × handled units.
    double minutesWithAi = 0;
    // Added capacity.
    CapacityMode capacityMode = CapacityMode::PerUnit;
    double extraUnits = 0; // per month at steady state
    double valuePerUnit = 0;
    double hires = 0;
    double annualCostPerHire = 0;
    // Revenue uplift: handled units × conversion lift × value per conversion.
    double conversionLift = 0;
    double valuePerConversion = 0;
    // Retention: customers × churn reduction × annual value per customer / 12.
    double customers = 0;
    double churnReduction = 0;
    double annualValuePerCustomer = 0;
    // New revenue: units sold per month × (price − cost to serve).
    double unitsSold = 0;
    double price = 0;
    double costToServe = 0;
    // Gross margin gain: margin points × monthly revenue base.
    double marginPoints = 0;
    double revenueBase = 0;
    // Avoided cost: a fixed monthly amount, or error-rate reduction × cost per error × units.
    AvoidedMode avoidedMode = AvoidedMode::FixedMonthly;
    double amount = 0;
    double errorReduction = 0;
    double costPerError = 0;
    // Soft value: a tracked metric, with an optional money value per month.
    std::string metric;
    double metricBaseline = 0;
    double metricTarget = 0;
    double moneyValue = 0;
    // Labor reclaimed and added capacity: the share of the value that releases budget (hires
    // avoided, contractors or overtime cut, a stated headcount plan). The rest frees capacity
    // only and is shown apart from the headline, like soft value. A driver a user adds starts
    // at kDefaultCashableShare; 1 here keeps a driver built in code fully counted.
    double cashableShare = 1;

    friend bool operator==(const ValueDriver &, const ValueDriver &) = default;
};

} // namespace roi
