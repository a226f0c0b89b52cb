// The workbook: settings, price book, scenarios and use cases. A plain value, cheap to copy and
// compared with ==; the Document in app/ owns one and the engine reads it.
#pragma once

#include "actuals/actuals.h"
#include "analytics/uncertainty.h"
#include "calendar.h"
#include "enums.h"
#include "planactual/planactualsettings.h"
#include "snapshots/snapshot.h"
#include "usecase.h"
#include "warehouse/warehouseconnection.h"

#include <cstdint>
#include <span>
#include <string>
#include <vector>

namespace roi {

/// A model's token prices, per million tokens, as quoted on a date (`asOf`) and valid from a
/// day on (`validFrom`, null = since always). A model may have several entries with different
/// `validFrom` (actuals/pricing.h prices usage by date); projections use the latest.
struct PriceEntry
{
    std::string model;
    double input = 0;
    double output = 0;
    double cachedInput = 0;
    Date asOf;
    Date validFrom{}; // an initializer: aggregate initialisations may leave it out

    friend bool operator==(const PriceEntry &, const PriceEntry &) = default;
};

/// Multiplies, sets or adds to a named input (see inputs.h), in every use case or in one.
struct Adjustment
{
    std::string input; // e.g. "baseline.volume", "layers[\"Human review\"].share"
    AdjustmentOp op = AdjustmentOp::Multiply;
    double value = 1;
    std::string useCase; // empty: every use case

    friend bool operator==(const Adjustment &, const Adjustment &) = default;
};

struct Scenario
{
    std::string name;
    std::string description;
    std::vector<Adjustment> adjustments;

    friend bool operator==(const Scenario &, const Scenario &) = default;
};

struct Settings
{
    std::string name = "Untitled workbook";
    std::string currency = "USD"; // ISO 4217
    YearMonth startMonth;
    int horizonMonths = 36;     // 1..120
    double discountRate = 0.10; // annual
    bool softValueInHeadline = false;
    std::string preparedBy; // report cover line
    std::string logoPng;    // report cover logo, base64 PNG; empty = none
    int monteCarloTrials = 1000;
    std::uint32_t monteCarloSeed = 42;
    double hurdleRate = 0.12;        // annual: the return a project must clear (cost of capital)
    bool capacityInHeadline = false; // count capacity-only value in the headline ROI

    friend bool operator==(const Settings &, const Settings &) = default;
};

struct Workbook
{
    Settings settings;
    std::vector<PriceEntry> priceBook;
    std::vector<Scenario> scenarios; // Base, Best and Worst first, then custom ones
    std::vector<UseCase> useCases;
    UncertaintySetup uncertainty; // Monte Carlo set-up (trials and seed are in settings)
    actuals::Actuals actuals;     // imported usage and cost, rolled up by month
    std::vector<Snapshot> snapshots; // frozen forecasts of approved cases (format version 3)
    WarehouseConnection warehouse;   // where actuals are read from, if anywhere (version 3)
    PlanActualSettings planActual;   // tolerance, approved basis, recalibration (version 4)

    /// The model's current entry (the latest validFrom), as projections use it.
    const PriceEntry *findPrice(std::string_view model) const;
    int findUseCase(std::string_view name) const; // -1 when absent

    friend bool operator==(const Workbook &, const Workbook &) = default;
};

/// The entry of `model` with the latest validFrom (the first of equals); null when none.
const PriceEntry *currentPrice(std::span<const PriceEntry> book, std::string_view model);
/// Whether `entry` is its model's current entry in `book` (false for superseded rates).
bool isCurrentPrice(std::span<const PriceEntry> book, const PriceEntry &entry);

inline constexpr std::string_view kBaseScenario = "Base";
inline constexpr std::string_view kBestScenario = "Best";
inline constexpr std::string_view kWorstScenario = "Worst";

/// The default Base (no adjustment), Best and Worst scenarios: adoption, time saved, volume, token
/// price and review share moved in the obvious direction.
std::vector<Scenario> defaultScenarios();
/// A new workbook with the default scenarios and an empty use case list.
Workbook newWorkbook();
/// A new use case with sensible defaults and the four layers every case needs.
UseCase newUseCase(std::string name, YearMonth goLive);

} // namespace roi
