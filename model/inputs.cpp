#include "inputs.h"

#include "levers/leverfields.h"

#include <algorithm>
#include <cmath>

namespace roi {

namespace {

constexpr double kMaxMoney = 1e12;
constexpr double kMaxCount = 1e13;

template<typename E>
constexpr std::uint32_t bit(E e)
{
    return 1u << static_cast<unsigned>(e);
}

constexpr std::uint32_t kToken = bit(LayerType::TokenUsage);
constexpr std::uint32_t kFixed = bit(LayerType::FixedMonthly);
constexpr std::uint32_t kStaff = bit(LayerType::Staff);
constexpr std::uint32_t kReview = bit(LayerType::HumanReview);
constexpr std::uint32_t kPerUnit = bit(LayerType::PerUnit);
constexpr std::uint32_t kOneTime = bit(LayerType::OneTime);

constexpr std::uint32_t kLabor = bit(DriverKind::LaborReclaimed);
constexpr std::uint32_t kCapacity = bit(DriverKind::AddedCapacity);
constexpr std::uint32_t kUplift = bit(DriverKind::RevenueUplift);
constexpr std::uint32_t kRetention = bit(DriverKind::Retention);
constexpr std::uint32_t kNewRevenue = bit(DriverKind::NewRevenue);
constexpr std::uint32_t kMargin = bit(DriverKind::GrossMarginGain);
constexpr std::uint32_t kAvoided = bit(DriverKind::AvoidedCost);
constexpr std::uint32_t kSoft = bit(DriverKind::SoftValue);

constexpr int kPerUnitMode = static_cast<int>(CapacityMode::PerUnit);
constexpr int kHiresMode = static_cast<int>(CapacityMode::AvoidedHires);
constexpr int kFixedMode = static_cast<int>(AvoidedMode::FixedMonthly);
constexpr int kErrorMode = static_cast<int>(AvoidedMode::ErrorReduction);

using U = ValueUnit;

const Field<Baseline> kBaseline[] = {
    {{"volume", "Monthly volume", U::Count, 0, kMaxCount, false,
      "Units of work per month before AI (e.g. conversations)."},
     &Baseline::volume},
    {{"minutesPerUnit", "Minutes per unit", U::Minutes, 0, 1e5, false,
      "Human minutes one unit of work takes today."},
     &Baseline::minutesPerUnit},
    {{"hourlyRate", "Hourly labor rate", U::MoneyPerHour, 0, 1e6, false,
      "Fully loaded cost of one hour of the people doing the work today."},
     &Baseline::hourlyRate},
    {{"errorRate", "Error rate", U::Share, 0, 1, false, "Share of units with an error today."},
     &Baseline::errorRate},
    {{"conversionRate", "Conversion rate", U::Share, 0, 1, false,
      "Share of units that convert (sale, upgrade) today."},
     &Baseline::conversionRate},
    {{"costPerUnit", "Cost per unit today", U::Money, 0, 1e9, false,
      "What one unit of work costs today, all in; compared with the AI cost per unit."},
     &Baseline::costPerUnit},
};

const Field<Outcome> kOutcome[] = {
    {{"perUnit", "Outcomes per handled unit", U::Count, 0, 1e6, false,
      "How many outcomes one handled unit delivers (e.g. 0.8 resolved per conversation)."},
     &Outcome::perUnit},
};

const Field<CostLayer> kLayer[] = {
    {{"callsPerUnit", "Calls per unit", U::Count, 0, 1e6, false,
      "Model calls per handled unit of work."},
     &CostLayer::callsPerUnit,
     kToken},
    {{"inputTokens", "Input tokens per call", U::Tokens, 0, 1e9, false,
      "Prompt tokens sent per call, excluding cached ones."},
     &CostLayer::inputTokens,
     kToken},
    {{"outputTokens", "Output tokens per call", U::Tokens, 0, 1e9, false,
      "Tokens generated per call; usually priced 4-5x input tokens."},
     &CostLayer::outputTokens,
     kToken},
    {{"cachedInputTokens", "Cached input tokens per call", U::Tokens, 0, 1e9, false,
      "Prompt tokens served from the provider's prompt cache, at the cached price."},
     &CostLayer::cachedInputTokens,
     kToken},
    {{"overhead", "Retry & overhead", U::Share, 0, 10, false,
      "Extra token spend from retries, guardrail calls and failed requests, as a share."},
     &CostLayer::overhead,
     kToken},
    {{"amount", "Amount", U::Money, 0, kMaxMoney, false,
      "Monthly amount (fixed layers) or total amount (one-time layers)."},
     &CostLayer::amount,
     kFixed | kOneTime},
    {{"fte", "FTE", U::Count, 0, 1e5, false, "Full-time equivalents working on the use case."},
     &CostLayer::fte,
     kStaff},
    {{"annualCost", "Annual cost per FTE", U::Money, 0, 1e9, false,
      "Fully loaded annual cost of one FTE."},
     &CostLayer::annualCost,
     kStaff},
    {{"share", "Share reviewed", U::Share, 0, 1, false, "Share of AI outputs a person reviews."},
     &CostLayer::share,
     kReview},
    {{"minutesPerReview", "Minutes per review", U::Minutes, 0, 1e4, false,
      "Minutes a reviewer spends on one flagged output."},
     &CostLayer::minutesPerReview,
     kReview},
    {{"hourlyRate", "Reviewer hourly rate", U::MoneyPerHour, 0, 1e6, false,
      "Fully loaded hourly cost of a reviewer."},
     &CostLayer::hourlyRate,
     kReview},
    {{"unitCost", "Unit cost", U::Money, 0, 1e9, false,
      "Vendor fee per handled unit, per outcome or per model call."},
     &CostLayer::unitCost,
     kPerUnit},
    {{"month", "Falls in month", U::MonthNumber, 1, 120, true,
      "Month of the horizon the one-time cost falls in (1 = first month)."},
     &CostLayer::month,
     kOneTime},
    {{"spreadMonths", "Spread over", U::Months, 1, 120, true,
      "Months the one-time amount is spread over evenly."},
     &CostLayer::spreadMonths,
     kOneTime},
};

const Field<ValueDriver> kDriver[] = {
    {{"shareCounted", "Share counted", U::Share, 0, 1, false,
      "Share of the computed value the case claims (e.g. the contribution margin of revenue, "
      "or the part of reclaimed time that is redeployed)."},
     &ValueDriver::shareCounted},
    {{"cashableShare", "Cashable share", U::Share, 0, 1, false,
      "Share of this value that releases budget: hires avoided, contractors or overtime cut, a "
      "stated headcount plan. The rest frees capacity only and stays out of the headline ROI. "
      "Default 50%: freed hours turn into money only through attrition, avoided backfill or "
      "cut overtime; set 100% only with a headcount or contractor plan, 0% when people simply "
      "get time back."},
     &ValueDriver::cashableShare,
     kLabor | kCapacity},
    {{"minutesWithAi", "Minutes per unit with AI", U::Minutes, 0, 1e5, false,
      "Human minutes a handled unit still takes with the AI; the baseline gives the minutes "
      "before."},
     &ValueDriver::minutesWithAi,
     kLabor},
    {{"extraUnits", "Extra units per month", U::Count, 0, kMaxCount, false,
      "Units handled at steady state without hiring."},
     &ValueDriver::extraUnits,
     kCapacity,
     kPerUnitMode},
    {{"valuePerUnit", "Value per extra unit", U::Money, 0, 1e9, false,
      "What one extra unit of capacity is worth."},
     &ValueDriver::valuePerUnit,
     kCapacity,
     kPerUnitMode},
    {{"hires", "Hires avoided", U::Count, 0, 1e6, false,
      "People who no longer need to be hired at steady state."},
     &ValueDriver::hires,
     kCapacity,
     kHiresMode},
    {{"annualCostPerHire", "Annual cost per hire", U::Money, 0, 1e9, false,
      "Fully loaded annual cost of one avoided hire."},
     &ValueDriver::annualCostPerHire,
     kCapacity,
     kHiresMode},
    {{"conversionLift", "Conversion lift", U::Share, -1, 1, false,
      "Added conversion rate on handled units, in points (0.02 = +2 points)."},
     &ValueDriver::conversionLift,
     kUplift},
    {{"valuePerConversion", "Value per conversion", U::Money, 0, 1e9, false,
      "Average value of one conversion."},
     &ValueDriver::valuePerConversion,
     kUplift},
    {{"customers", "Customers affected", U::Count, 0, kMaxCount, false,
      "Customers whose churn the use case reduces."},
     &ValueDriver::customers,
     kRetention},
    {{"churnReduction", "Churn reduction", U::Share, -1, 1, false,
      "Reduction of annual churn, in points."},
     &ValueDriver::churnReduction,
     kRetention},
    {{"annualValuePerCustomer", "Annual value per customer", U::Money, 0, 1e9, false,
      "Annual value kept when one customer stays."},
     &ValueDriver::annualValuePerCustomer,
     kRetention},
    {{"unitsSold", "Units sold per month", U::Count, 0, kMaxCount, false,
      "Subscriptions or units sold per month at steady state (e.g. a premium AI tier)."},
     &ValueDriver::unitsSold,
     kNewRevenue},
    {{"price", "Price", U::Money, 0, 1e9, false, "Price of one unit sold."},
     &ValueDriver::price,
     kNewRevenue},
    {{"costToServe", "Cost to serve", U::Money, 0, 1e9, false,
      "Cost of serving one unit sold, outside the cost layers."},
     &ValueDriver::costToServe,
     kNewRevenue},
    {{"marginPoints", "Margin points", U::Share, -1, 1, false,
      "Gross margin improvement in points (0.01 = +1 point)."},
     &ValueDriver::marginPoints,
     kMargin},
    {{"revenueBase", "Monthly revenue base", U::Money, 0, kMaxCount, false,
      "Monthly revenue the margin improvement applies to."},
     &ValueDriver::revenueBase,
     kMargin},
    {{"amount", "Monthly amount", U::Money, 0, kMaxMoney, false,
      "Cost avoided per month at steady state."},
     &ValueDriver::amount,
     kAvoided,
     kFixedMode},
    {{"errorReduction", "Error-rate reduction", U::Share, -1, 1, false,
      "Reduction of the error rate on handled units, in points."},
     &ValueDriver::errorReduction,
     kAvoided,
     kErrorMode},
    {{"costPerError", "Cost per error", U::Money, 0, 1e9, false,
      "What one error costs (rework, refunds, penalties)."},
     &ValueDriver::costPerError,
     kAvoided,
     kErrorMode},
    {{"metricBaseline", "Metric today", U::Number, -1e12, 1e12, false,
      "Value of the tracked metric today."},
     &ValueDriver::metricBaseline,
     kSoft},
    {{"metricTarget", "Metric target", U::Number, -1e12, 1e12, false,
      "Value of the tracked metric the use case aims for."},
     &ValueDriver::metricTarget,
     kSoft},
    {{"moneyValue", "Money value per month", U::Money, 0, kMaxMoney, false,
      "Optional money value of the soft benefit at steady state; never in the headline unless "
      "the workbook says so."},
     &ValueDriver::moneyValue,
     kSoft},
};

const Field<RiskDiscount> kRisk[] = {
    {{"hallucination", "Hallucination haircut", U::Share, 0, 1, false,
      "Share of the hard benefit lost to wrong answers that slip through."},
     &RiskDiscount::hallucination},
    {{"humanOverride", "Human override haircut", U::Share, 0, 1, false,
      "Share of the hard benefit lost because people redo or override the AI's work."},
     &RiskDiscount::humanOverride},
    {{"dataExposure", "Data-exposure allowance", U::Share, 0, 1, false,
      "Share of the hard benefit set aside for data-exposure and compliance risk."},
     &RiskDiscount::dataExposure},
};

const Field<RampUp> kRamp[] = {
    {{"rampMonths", "Months to steady state", U::Months, 0, 120, false,
      "Months from go-live until adoption reaches its steady share; 0 = at once."},
     &RampUp::rampMonths},
    {{"steadyAdoption", "Steady adoption", U::Share, 0, 1, false,
      "Share of eligible units the AI handles at steady state."},
     &RampUp::steadyAdoption},
    {{"volumeGrowth", "Monthly volume growth", U::Share, -0.5, 1, false,
      "Growth of the unit volume per month, compounded."},
     &RampUp::volumeGrowth},
    {{"tokenPriceDecline", "Annual token price decline", U::Share, -1, 0.99, false,
      "Yearly fall of token prices for the same model class; modelled apart from usage growth."},
     &RampUp::tokenPriceDecline},
    {{"goLiveDelay", "Go-live delay", U::Months, 0, 120, true,
      "Months the go-live slips; scenarios use it to model a late launch."},
     &RampUp::goLiveDelay},
};

const Field<PriceEntry> kPrice[] = {
    {{"input", "Input price", U::MoneyPerMillion, 0, 1e6, false, "Price per million input tokens."},
     &PriceEntry::input},
    {{"output", "Output price", U::MoneyPerMillion, 0, 1e6, false,
      "Price per million output tokens."},
     &PriceEntry::output},
    {{"cachedInput", "Cached input price", U::MoneyPerMillion, 0, 1e6, false,
      "Price per million cached input tokens."},
     &PriceEntry::cachedInput},
};

const Field<Settings> kSettings[] = {
    {{"discountRate", "Annual discount rate", U::Share, -0.5, 1, false,
      "Rate the NPV discounts monthly cash flows at, as an annual rate."},
     &Settings::discountRate},
    {{"hurdleRate", "Hurdle rate", U::Share, -0.5, 1, false,
      "The return the company asks of a project (cost of capital plus a risk premium), as an "
      "annual rate: NPV at the hurdle, IRR against it, discounted payback."},
     &Settings::hurdleRate},
};

struct SectionName
{
    std::string_view name;
    InputSection section;
    bool hasSelector;
};

constexpr SectionName kSections[] = {
    {"settings", InputSection::Settings, false}, {"baseline", InputSection::Baseline, false},
    {"outcome", InputSection::Outcome, false},   {"layers", InputSection::Layers, true},
    {"drivers", InputSection::Drivers, true},    {"risk", InputSection::Risk, false},
    {"ramp", InputSection::Ramp, false},         {"prices", InputSection::Prices, true},
};

std::string quoted(std::string_view text)
{
    std::string out = "\"";
    for (char c : text) {
        if (c == '"' || c == '\\')
            out += '\\';
        out += c;
    }
    out += '"';
    return out;
}

std::string selected(std::string_view section, std::string_view name, std::string_view field)
{
    std::string out(section);
    out += '[';
    out += quoted(name);
    out += "].";
    out += field;
    return out;
}

double applyOp(AdjustmentOp op, double current, double value)
{
    switch (op) {
    case AdjustmentOp::Multiply:
        return current * value;
    case AdjustmentOp::Set:
        return value;
    case AdjustmentOp::Add:
        return current + value;
    }
    return current;
}

// Applies the adjustment to one field of one element; returns 1 if it changed a value.
// `resolvedPath()` names the element for the clamp report; it is built only when there is
// something to report, since scenarios apply adjustments on every recompute.
template<typename T, typename PathOf>
int adjust(T &target, const Field<T> &field, AdjustmentOp op, double value, PathOf resolvedPath,
           const ClampReport &onClamp)
{
    double &slot = target.*field.member;
    const double requested = applyOp(op, slot, value);
    double kept = std::clamp(requested, field.info.min, field.info.max);
    if (field.info.integer)
        kept = std::round(kept);
    if (!std::isfinite(requested) || kept != requested) {
        if (onClamp)
            onClamp(resolvedPath(), requested, kept);
    }
    slot = std::isfinite(kept) ? kept : slot;
    return 1;
}

template<typename T, typename NameOf>
int adjustList(std::span<T> items, std::span<const Field<T>> fields, std::string_view section,
               const InputPath &path, AdjustmentOp op, double value, NameOf nameOf,
               const ClampReport &onClamp)
{
    const Field<T> *field = findField(fields, path.field);
    if (!field)
        return 0;
    int changed = 0;
    for (std::size_t i = 0; i < items.size(); ++i) {
        const std::string &name = nameOf(items[i]);
        const bool match = (path.selector == InputPath::Selector::All)
                           || (path.selector == InputPath::Selector::Key && name == path.key)
                           || (path.selector == InputPath::Selector::Index
                               && static_cast<std::size_t>(path.index) == i);
        if (!match)
            continue;
        if constexpr (!std::is_same_v<T, PriceEntry>) {
            // A wildcard only touches the elements whose type uses the field.
            if (path.selector == InputPath::Selector::All && !fieldApplies(*field, items[i]))
                continue;
        }
        changed += adjust(
            items[i], *field, op, value, [&] { return selected(section, name, path.field); },
            onClamp);
    }
    return changed;
}

template<typename T>
const FieldInfo *infoOf(std::span<const Field<T>> fields, std::string_view key)
{
    const Field<T> *f = findField(fields, key);
    return f ? &f->info : nullptr;
}

/// The lever field a layer field names (`levers.routing.share`), or nullptr.
const LeverField *leverFieldOf(std::string_view field)
{
    if (!field.starts_with(kLeverInputPrefix))
        return nullptr;
    return findLeverField(field.substr(kLeverInputPrefix.size()));
}

bool selects(const InputPath &path, const std::string &name, std::size_t i)
{
    return path.selector == InputPath::Selector::All
           || (path.selector == InputPath::Selector::Key && name == path.key)
           || (path.selector == InputPath::Selector::Index
               && static_cast<std::size_t>(path.index) == i);
}

/// applyAdjustment for a lever field of the selected layers (a wildcard: token layers only).
int adjustLevers(const InputPath &path, const LeverField &field, AdjustmentOp op, double value,
                 UseCase &useCase, const ClampReport &onClamp)
{
    int changed = 0;
    for (std::size_t i = 0; i < useCase.layers.size(); ++i) {
        CostLayer &layer = useCase.layers[i];
        if (!selects(path, layer.name, i))
            continue;
        if (path.selector == InputPath::Selector::All && layer.type != LayerType::TokenUsage)
            continue;
        double &slot = *field.slot(layer.levers);
        const double requested = applyOp(op, slot, value);
        double kept = std::clamp(requested, field.info.min, field.info.max);
        if (field.info.integer)
            kept = std::round(kept);
        if ((!std::isfinite(requested) || kept != requested) && onClamp)
            onClamp(selected("layers", layer.name, path.field), requested, kept);
        slot = std::isfinite(kept) ? kept : slot;
        ++changed;
    }
    return changed;
}

} // namespace

std::span<const Field<Baseline>> baselineFields()
{
    return kBaseline;
}
std::span<const Field<Outcome>> outcomeFields()
{
    return kOutcome;
}
std::span<const Field<CostLayer>> layerFields()
{
    return kLayer;
}
std::span<const Field<ValueDriver>> driverFields()
{
    return kDriver;
}
std::span<const Field<RiskDiscount>> riskFields()
{
    return kRisk;
}
std::span<const Field<RampUp>> rampFields()
{
    return kRamp;
}
std::span<const Field<PriceEntry>> priceFields()
{
    return kPrice;
}
std::span<const Field<Settings>> settingsFields()
{
    return kSettings;
}

bool fieldApplies(const Field<CostLayer> &field, const CostLayer &layer)
{
    return (field.kinds & bit(layer.type)) != 0;
}

bool fieldApplies(const Field<ValueDriver> &field, const ValueDriver &driver)
{
    if ((field.kinds & bit(driver.kind)) == 0)
        return false;
    if (field.mode < 0)
        return true;
    if (driver.kind == DriverKind::AddedCapacity)
        return field.mode == static_cast<int>(driver.capacityMode);
    if (driver.kind == DriverKind::AvoidedCost)
        return field.mode == static_cast<int>(driver.avoidedMode);
    return true;
}

std::optional<InputPath> InputPath::parse(std::string_view text, std::string *error)
{
    auto fail = [&](std::string message) -> std::optional<InputPath> {
        if (error)
            *error = std::move(message);
        return std::nullopt;
    };
    InputPath path;
    std::size_t pos = 0;
    while (pos < text.size() && text[pos] != '.' && text[pos] != '[')
        ++pos;
    const std::string_view sectionName = text.substr(0, pos);
    const SectionName *section = nullptr;
    for (const auto &s : kSections) {
        if (s.name == sectionName)
            section = &s;
    }
    if (!section) {
        return fail("unknown input section '" + std::string(sectionName)
                    + "' (expected settings, baseline, outcome, layers, drivers, risk, ramp "
                      "or prices)");
    }
    path.section = section->section;
    if (pos < text.size() && text[pos] == '[') {
        if (!section->hasSelector)
            return fail(std::string(sectionName) + " takes no [selector]");
        ++pos;
        if (pos < text.size() && text[pos] == '"') {
            ++pos;
            std::string key;
            bool closed = false;
            while (pos < text.size()) {
                char c = text[pos++];
                if (c == '\\' && pos < text.size()) {
                    key += text[pos++];
                } else if (c == '"') {
                    closed = true;
                    break;
                } else {
                    key += c;
                }
            }
            if (!closed)
                return fail("unterminated quoted name");
            path.selector = Selector::Key;
            path.key = std::move(key);
        } else if (pos < text.size() && text[pos] == '*') {
            ++pos;
            path.selector = Selector::All;
        } else {
            std::size_t start = pos;
            while (pos < text.size() && text[pos] >= '0' && text[pos] <= '9')
                ++pos;
            if (pos == start || pos - start > 4)
                return fail("selector must be a quoted name, an index or *");
            path.selector = Selector::Index;
            path.index = std::stoi(std::string(text.substr(start, pos - start)));
        }
        if (pos >= text.size() || text[pos] != ']')
            return fail("missing ']'");
        ++pos;
    } else if (section->hasSelector) {
        return fail(std::string(sectionName) + " needs a selector: [\"name\"], [index] or [*]");
    }
    if (pos >= text.size() || text[pos] != '.')
        return fail("missing '.field'");
    path.field = std::string(text.substr(pos + 1));
    if (!path.info())
        return fail("unknown field '" + path.field + "' in " + std::string(sectionName));
    return path;
}

std::string InputPath::toString() const
{
    std::string out;
    for (const auto &s : kSections) {
        if (s.section == section)
            out = s.name;
    }
    switch (selector) {
    case Selector::None:
        break;
    case Selector::Key:
        out += '[' + quoted(key) + ']';
        break;
    case Selector::Index:
        out += '[' + std::to_string(index) + ']';
        break;
    case Selector::All:
        out += "[*]";
        break;
    }
    return out + '.' + field;
}

const FieldInfo *InputPath::info() const
{
    switch (section) {
    case InputSection::Settings:
        return infoOf(settingsFields(), field);
    case InputSection::Baseline:
        return infoOf(baselineFields(), field);
    case InputSection::Outcome:
        return infoOf(outcomeFields(), field);
    case InputSection::Layers:
        if (const LeverField *lever = leverFieldOf(field))
            return &lever->info;
        return infoOf(layerFields(), field);
    case InputSection::Drivers:
        return infoOf(driverFields(), field);
    case InputSection::Risk:
        return infoOf(riskFields(), field);
    case InputSection::Ramp:
        return infoOf(rampFields(), field);
    case InputSection::Prices:
        return infoOf(priceFields(), field);
    }
    return nullptr;
}

std::string layerInput(std::string_view layerName, std::string_view field)
{
    return selected("layers", layerName, field);
}

std::string driverInput(std::string_view driverName, std::string_view field)
{
    return selected("drivers", driverName, field);
}

std::string priceInput(std::string_view model, std::string_view field)
{
    return selected("prices", model, field);
}

int applyAdjustment(const InputPath &path, AdjustmentOp op, double value, UseCase &useCase,
                    std::span<PriceEntry> prices, Settings &settings, const ClampReport &onClamp)
{
    auto single = [&](auto &target, auto fields, std::string_view section) {
        const auto *field = findField(fields, path.field);
        if (!field)
            return 0;
        return adjust(
            target, *field, op, value, [&] { return std::string(section) + '.' + path.field; },
            onClamp);
    };
    switch (path.section) {
    case InputSection::Settings:
        return single(settings, settingsFields(), "settings");
    case InputSection::Baseline:
        return single(useCase.baseline, baselineFields(), "baseline");
    case InputSection::Outcome:
        return single(useCase.outcome, outcomeFields(), "outcome");
    case InputSection::Risk:
        return single(useCase.risk, riskFields(), "risk");
    case InputSection::Ramp:
        return single(useCase.ramp, rampFields(), "ramp");
    case InputSection::Layers:
        if (const LeverField *lever = leverFieldOf(path.field))
            return adjustLevers(path, *lever, op, value, useCase, onClamp);
        return adjustList(
            std::span<CostLayer>(useCase.layers), layerFields(), "layers", path, op, value,
            [](const CostLayer &l) -> const std::string & { return l.name; }, onClamp);
    case InputSection::Drivers:
        return adjustList(
            std::span<ValueDriver>(useCase.drivers), driverFields(), "drivers", path, op, value,
            [](const ValueDriver &d) -> const std::string & { return d.name; }, onClamp);
    case InputSection::Prices:
        return adjustList(
            prices, priceFields(), "prices", path, op, value,
            [](const PriceEntry &p) -> const std::string & { return p.model; }, onClamp);
    }
    return 0;
}

std::optional<double> readInput(const InputPath &path, const UseCase &useCase,
                                std::span<const PriceEntry> prices, const Settings &settings)
{
    auto single = [&](const auto &target, auto fields) -> std::optional<double> {
        const auto *field = findField(fields, path.field);
        if (!field)
            return std::nullopt;
        return target.*(field->member);
    };
    auto fromList = [&](const auto &items, auto fields, auto nameOf) -> std::optional<double> {
        const auto *field = findField(fields, path.field);
        if (!field)
            return std::nullopt;
        for (std::size_t i = 0; i < items.size(); ++i) {
            if ((path.selector == InputPath::Selector::Key && nameOf(items[i]) == path.key)
                || (path.selector == InputPath::Selector::Index
                    && static_cast<std::size_t>(path.index) == i))
                return items[i].*(field->member);
        }
        return std::nullopt;
    };
    switch (path.section) {
    case InputSection::Settings:
        return single(settings, settingsFields());
    case InputSection::Baseline:
        return single(useCase.baseline, baselineFields());
    case InputSection::Outcome:
        return single(useCase.outcome, outcomeFields());
    case InputSection::Risk:
        return single(useCase.risk, riskFields());
    case InputSection::Ramp:
        return single(useCase.ramp, rampFields());
    case InputSection::Layers:
        if (const LeverField *lever = leverFieldOf(path.field)) {
            for (std::size_t i = 0; i < useCase.layers.size(); ++i) {
                if (path.selector != InputPath::Selector::All
                    && selects(path, useCase.layers[i].name, i))
                    return lever->read(useCase.layers[i].levers);
            }
            return std::nullopt;
        }
        return fromList(useCase.layers, layerFields(),
                        [](const CostLayer &l) -> const std::string & { return l.name; });
    case InputSection::Drivers:
        return fromList(useCase.drivers, driverFields(),
                        [](const ValueDriver &d) -> const std::string & { return d.name; });
    case InputSection::Prices:
        return fromList(prices, priceFields(),
                        [](const PriceEntry &p) -> const std::string & { return p.model; });
    }
    return std::nullopt;
}

std::vector<std::string> listInputs(const UseCase &useCase, std::span<const PriceEntry> prices)
{
    std::vector<std::string> out;
    auto addAll = [&](std::string_view section, auto fields) {
        for (const auto &f : fields)
            out.push_back(std::string(section) + '.' + std::string(f.info.key));
    };
    addAll("baseline", baselineFields());
    addAll("outcome", outcomeFields());
    for (const auto &layer : useCase.layers) {
        for (const auto &f : layerFields()) {
            if (fieldApplies(f, layer))
                out.push_back(layerInput(layer.name, f.info.key));
        }
    }
    for (const auto &layer : useCase.layers) {
        if (layer.type != LayerType::TokenUsage)
            continue;
        for (const LeverField &f : leverFields()) {
            if (f.lever != LeverKind::Count && layer.levers.plan(f.lever).enabled)
                out.push_back(layerInput(layer.name, std::string(kLeverInputPrefix) + f.path()));
        }
    }
    for (const auto &driver : useCase.drivers) {
        for (const auto &f : driverFields()) {
            if (fieldApplies(f, driver))
                out.push_back(driverInput(driver.name, f.info.key));
        }
    }
    addAll("risk", riskFields());
    addAll("ramp", rampFields());
    for (const auto &layer : useCase.layers) {
        if (layer.type != LayerType::TokenUsage)
            continue;
        for (const auto &p : prices) {
            if (p.model != layer.model)
                continue;
            for (const auto &f : priceFields()) {
                std::string name = priceInput(p.model, f.info.key);
                if (std::find(out.begin(), out.end(), name) == out.end())
                    out.push_back(std::move(name));
            }
        }
    }
    addAll("settings", settingsFields());
    return out;
}

} // namespace roi
