// Every numeric input of the model, described once: its stable key (the JSON key and the field of
// a named input), label, unit, legal range and help text. The file reader, the writer, the forms,
// the scenarios and (later) sensitivity and Monte Carlo all read and vary inputs through here.
//
// A named input is a path such as `baseline.volume`, `ramp.steadyAdoption`,
// `layers["Human review"].share`, `layers[0].inputTokens`, `drivers[*].minutesWithAi`,
// `prices["gpt-4o"].output` or `settings.discountRate`. Lever inputs of a token layer are
// `layers["Model"].levers.routing.share` (see model/levers/leverfields.h).
#pragma once

#include "usecase.h"
#include "workbook.h"

#include <cstdint>
#include <functional>
#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace roi {

enum class ValueUnit {
    Count,           // plain count (units, customers, FTE)
    Money,           // an amount in the workbook currency
    MoneyPerHour,    // a labor rate
    MoneyPerMillion, // a token price per million tokens
    Share,           // a fraction, shown as a percentage
    Minutes,
    Months,      // a duration
    MonthNumber, // a month of the horizon, 1 = the first
    Tokens,
    Number // a free metric value
};

struct FieldInfo
{
    std::string_view key;
    std::string_view label;
    ValueUnit unit;
    double min;
    double max;
    bool integer;
    std::string_view help;
};

/// A numeric field of a section type T. `kinds` is a bit mask over LayerType (for CostLayer) or
/// DriverKind (for ValueDriver) saying which types use it; `mode` narrows a driver field to one
/// CapacityMode or AvoidedMode value (-1: any).
template<typename T>
struct Field
{
    FieldInfo info;
    double T::*member;
    std::uint32_t kinds = ~0u;
    int mode = -1;
};

std::span<const Field<Baseline>> baselineFields();
std::span<const Field<Outcome>> outcomeFields();
std::span<const Field<CostLayer>> layerFields();
std::span<const Field<ValueDriver>> driverFields();
std::span<const Field<RiskDiscount>> riskFields();
std::span<const Field<RampUp>> rampFields();
std::span<const Field<PriceEntry>> priceFields();
std::span<const Field<Settings>> settingsFields();

/// Whether a layer of this type uses the field (and so shows and writes it).
bool fieldApplies(const Field<CostLayer> &field, const CostLayer &layer);
/// Whether a driver of this kind and mode uses the field.
bool fieldApplies(const Field<ValueDriver> &field, const ValueDriver &driver);

template<typename T>
const Field<T> *findField(std::span<const Field<T>> fields, std::string_view key)
{
    for (const auto &f : fields) {
        if (f.info.key == key)
            return &f;
    }
    return nullptr;
}

enum class InputSection { Settings, Baseline, Outcome, Layers, Drivers, Risk, Ramp, Prices };

/// A parsed named input.
struct InputPath
{
    enum class Selector { None, Key, Index, All };

    InputSection section = InputSection::Baseline;
    Selector selector = Selector::None;
    std::string key; // for Selector::Key
    int index = 0;   // for Selector::Index
    std::string field;

    /// Parses and checks that the section and field exist; on failure returns nullopt and says
    /// why in `error`.
    static std::optional<InputPath> parse(std::string_view text, std::string *error = nullptr);
    std::string toString() const;
    /// The information of the field, or nullptr.
    const FieldInfo *info() const;

    friend bool operator==(const InputPath &, const InputPath &) = default;
};

/// `layers["name"].field` with the name quoted as the parser expects.
std::string layerInput(std::string_view layerName, std::string_view field);
std::string driverInput(std::string_view driverName, std::string_view field);
std::string priceInput(std::string_view model, std::string_view field);

/// Called for each value an adjustment changed: the resolved path (with the element's name), the
/// value the adjustment asked for and the value kept after clamping to the legal range.
using ClampReport = std::function<void(const std::string &path, double requested, double kept)>;

/// Applies `op value` to every input the path selects in one use case (settings and price
/// entries are passed apart because they are shared by every use case). Results outside the
/// field's legal range are clamped and reported. Returns how many inputs were changed.
int applyAdjustment(const InputPath &path, AdjustmentOp op, double value, UseCase &useCase,
                    std::span<PriceEntry> prices, Settings &settings,
                    const ClampReport &onClamp = {});

/// Reads the current value of a path that selects exactly one input; nullopt otherwise.
std::optional<double> readInput(const InputPath &path, const UseCase &useCase,
                                std::span<const PriceEntry> prices, const Settings &settings);

/// The names of every numeric input of a use case (with element names), for pickers and
/// sensitivity analysis.
std::vector<std::string> listInputs(const UseCase &useCase, std::span<const PriceEntry> prices);

} // namespace roi
