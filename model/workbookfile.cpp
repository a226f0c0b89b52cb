#include "workbookfile.h"

#include "actuals/actualsjson.h"
#include "actuals/migraterevenue.h"
#include "analytics/uncertaintyjson.h"
#include "inputs.h"
#include "levers/leverfields.h"
#include "migratecashable.h"
#include "planactual/planactualjson.h"
#include "results.h"
#include "snapshots/snapshotjson.h"
#include "warehouse/warehousejson.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <set>

namespace roi {

using Json = nlohmann::ordered_json;

namespace {

// ---------------------------------------------------------------------------------------------
// Writing

template<typename E>
std::string name(E e)
{
    return std::string(enumName(e));
}

template<typename T>
void putFields(Json &obj, const T &value, std::span<const Field<T>> fields)
{
    for (const auto &f : fields)
        obj[std::string(f.info.key)] = value.*(f.member);
}

// Writes the fields the element's type uses, plus any other field that differs from its default,
// so that switching a layer's type and back loses nothing.
template<typename T>
void putApplicable(Json &obj, const T &value, std::span<const Field<T>> fields)
{
    static const T defaults{};
    for (const auto &f : fields) {
        if (fieldApplies(f, value) || value.*(f.member) != defaults.*(f.member))
            obj[std::string(f.info.key)] = value.*(f.member);
    }
}

/// A layer's levers: each lever that differs from its defaults, with all its fields.
Json toJson(const LayerLevers &levers)
{
    Json j = Json::object();
    static const LayerLevers defaults{};
    for (int k = 0; k < kLeverCount; ++k) {
        const auto kind = static_cast<LeverKind>(k);
        bool changed = levers.plan(kind) != defaults.plan(kind);
        for (const LeverField &f : leverFields(kind))
            changed = changed || f.read(levers) != f.read(defaults);
        if (kind == LeverKind::Routing)
            changed = changed || levers.routing != defaults.routing;
        if (!changed)
            continue;
        Json lever;
        lever["enabled"] = levers.plan(kind).enabled;
        if (kind == LeverKind::Routing) {
            lever["targetModel"] = levers.routing.targetModel;
            lever["qualityGate"] = levers.routing.qualityGate;
        }
        for (const LeverField &f : leverFields(kind))
            lever[std::string(f.info.key)] = f.read(levers);
        j[std::string(leverKey(kind))] = std::move(lever);
    }
    for (const LeverField &f : leverFields(LeverKind::Count)) {
        if (f.read(levers) != f.read(defaults))
            j[std::string(f.info.key)] = f.read(levers);
    }
    return j;
}

Json toJson(const CostLayer &l)
{
    Json j;
    j["name"] = l.name;
    j["type"] = name(l.type);
    j["category"] = name(l.category);
    if (l.type == LayerType::TokenUsage || !l.model.empty())
        j["model"] = l.model;
    if (l.type == LayerType::PerUnit || l.basis != UnitBasis::HandledUnit)
        j["basis"] = name(l.basis);
    putApplicable(j, l, layerFields());
    if (l.levers != LayerLevers{})
        j["levers"] = toJson(l.levers);
    return j;
}

Json toJson(const ValueDriver &d)
{
    Json j;
    j["name"] = d.name;
    j["kind"] = name(d.kind);
    j["hard"] = d.hard;
    j["term"] = name(d.term);
    j["area"] = name(d.area);
    if (d.kind == DriverKind::AddedCapacity || d.capacityMode != CapacityMode::PerUnit)
        j["capacityMode"] = name(d.capacityMode);
    if (d.kind == DriverKind::AvoidedCost || d.avoidedMode != AvoidedMode::FixedMonthly)
        j["avoidedMode"] = name(d.avoidedMode);
    if (d.kind == DriverKind::SoftValue || !d.metric.empty())
        j["metric"] = d.metric;
    putApplicable(j, d, driverFields());
    return j;
}

Json toJson(const UseCase &uc)
{
    Json j;
    j["name"] = uc.name;
    j["description"] = uc.description;
    Json b;
    b["capturedOn"] = uc.baseline.capturedOn.toString();
    b["source"] = uc.baseline.source;
    b["unit"] = uc.baseline.unit;
    putFields(b, uc.baseline, baselineFields());
    b["notes"] = uc.baseline.notes;
    j["baseline"] = std::move(b);
    Json o;
    o["name"] = uc.outcome.name;
    putFields(o, uc.outcome, outcomeFields());
    j["outcome"] = std::move(o);
    Json layers = Json::array();
    for (const auto &l : uc.layers)
        layers.push_back(toJson(l));
    j["costLayers"] = std::move(layers);
    Json drivers = Json::array();
    for (const auto &d : uc.drivers)
        drivers.push_back(toJson(d));
    j["valueDrivers"] = std::move(drivers);
    Json risk = Json::object();
    putFields(risk, uc.risk, riskFields());
    j["risk"] = std::move(risk);
    Json ramp;
    ramp["goLive"] = uc.ramp.goLive.toString();
    ramp["curve"] = name(uc.ramp.curve);
    putFields(ramp, uc.ramp, rampFields());
    j["ramp"] = std::move(ramp);
    j["maturity"] = name(uc.maturity);
    Json card = Json::array();
    for (const auto &m : uc.scorecard) {
        Json e;
        e["bucket"] = name(m.bucket);
        e["name"] = m.name;
        e["unit"] = m.unit;
        e["baseline"] = m.baseline;
        e["target"] = m.target;
        if (m.actual)
            e["actual"] = *m.actual;
        card.push_back(std::move(e));
    }
    j["scorecard"] = std::move(card);
    return j;
}

Json pricesJson(const std::vector<PriceEntry> &priceBook)
{
    Json prices = Json::array();
    for (const auto &p : priceBook) {
        Json e;
        e["model"] = p.model;
        putFields(e, p, priceFields());
        e["asOf"] = p.asOf.toString();
        if (!p.validFrom.isNull())
            e["validFrom"] = p.validFrom.toString();
        prices.push_back(std::move(e));
    }
    return prices;
}

Json toJson(const Workbook &wb)
{
    Json j;
    j["format"] = std::string(kFormatTag);
    j["version"] = kFormatVersion;
    const Settings &s = wb.settings;
    Json settings;
    settings["name"] = s.name;
    settings["currency"] = s.currency;
    settings["startMonth"] = s.startMonth.toString();
    settings["horizonMonths"] = s.horizonMonths;
    putFields(settings, s, settingsFields());
    settings["softValueInHeadline"] = s.softValueInHeadline;
    settings["capacityInHeadline"] = s.capacityInHeadline;
    settings["preparedBy"] = s.preparedBy;
    settings["logoPng"] = s.logoPng;
    settings["monteCarlo"] = Json{{"trials", s.monteCarloTrials}, {"seed", s.monteCarloSeed}};
    j["settings"] = std::move(settings);
    j["priceBook"] = pricesJson(wb.priceBook);
    Json scenarios = Json::array();
    for (const auto &sc : wb.scenarios) {
        Json e;
        e["name"] = sc.name;
        e["description"] = sc.description;
        Json adjustments = Json::array();
        for (const auto &a : sc.adjustments) {
            Json aj;
            aj["input"] = a.input;
            aj["op"] = name(a.op);
            aj["value"] = a.value;
            if (!a.useCase.empty())
                aj["useCase"] = a.useCase;
            adjustments.push_back(std::move(aj));
        }
        e["adjustments"] = std::move(adjustments);
        scenarios.push_back(std::move(e));
    }
    j["scenarios"] = std::move(scenarios);
    Json useCases = Json::array();
    for (const auto &uc : wb.useCases)
        useCases.push_back(toJson(uc));
    j["useCases"] = std::move(useCases);
    j["uncertainty"] = uncertaintyToJson(wb.uncertainty);
    j["snapshots"] = snapshotsToJson(wb.snapshots);
    if (wb.warehouse.isSet())
        j["warehouse"] = warehouseToJson(wb.warehouse);
    j["planActual"] = planActualToJson(wb.planActual);
    if (!wb.actuals.isEmpty())
        j["actuals"] = actuals::actualsToJson(wb.actuals);
    return j;
}

// ---------------------------------------------------------------------------------------------
// Reading

std::string escapePointer(std::string_view key)
{
    std::string out;
    for (char c : key) {
        if (c == '~')
            out += "~0";
        else if (c == '/')
            out += "~1";
        else
            out += c;
    }
    return out;
}

std::string describeType(const Json &j)
{
    switch (j.type()) {
    case Json::value_t::null:
        return "null";
    case Json::value_t::object:
        return "an object";
    case Json::value_t::array:
        return "an array";
    case Json::value_t::string:
        return "a string";
    case Json::value_t::boolean:
        return "a boolean";
    case Json::value_t::binary:
        return "binary data";
    case Json::value_t::discarded:
        return "nothing";
    default:
        return "a number";
    }
}

std::string formatLimit(double v)
{
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.10g", v);
    return buf;
}

/// Version 1 -> 2: version 2 adds "uncertainty" (sampling method, uncertain inputs,
/// correlations). A version 1 file has none: it gets the default set-up (Latin Hypercube, the
/// inputs the Worst and Best scenarios move), written out explicitly here.
void migrateUncertaintyToV2(Json &root)
{
    if (!root.contains("uncertainty"))
        root["uncertainty"] = uncertaintyToJson(UncertaintySetup{});
    root["version"] = 2;
}

/// Version 2 -> 3: version 3 adds "actuals" (imports, monthly roll-up, attribution rules,
/// mappings, rates) and "validFrom" in price-book entries. A version 2 file has neither, so its
/// contents read unchanged; the reader reports those keys in a version 2 file as unknown, as a
/// version 2 reader did (see Reader::migrateToV3).
void migrateToV3(Json &root)
{
    root["version"] = 3;
}

/// Version 3 -> 4 (the analysis scenario): version 4 stores the scenario the Monte Carlo
/// analysis starts from as "uncertainty"/"scenario". A version 3 file has none, so it simulates
/// Base, as the version 3 program did by default. A "scenario" key in a version 3 file's
/// "uncertainty" was unknown to its reader: taken out here and returned true, for the reader to
/// report it as unknown (never used, never dropped silently).
bool migrateAnalysisScenarioToV4(Json &root)
{
    bool stray = false;
    if (const auto u = root.find("uncertainty"); u != root.end() && u->is_object())
        stray = u->erase("scenario") > 0;
    root["version"] = 4;
    return stray;
}

/// Version 3 -> 4 (weekly actuals): version 4 adds "weeks" to the actuals' roll-up, the ISO weeks
/// of imports whose records carried days (the weekly executive numbers). A version 3 file has
/// none: its imports keep their monthly roll-up, and importing a daily file again adds its
/// weeks. A "weeks" key in a version 3 file was unknown to its reader: it is taken out here and
/// reported as unknown, as a version 3 reader did. True when it was there.
bool migrateWeeklyToV4(Json &root)
{
    root["version"] = 4;
    const auto actuals = root.find("actuals");
    if (actuals == root.end() || !actuals->is_object())
        return false;
    const auto rollup = actuals->find("rollup");
    if (rollup == actuals->end() || !rollup->is_object() || !rollup->contains("weeks"))
        return false;
    rollup->erase("weeks");
    return true;
}

/// Converts JSON to a workbook, collecting every problem with its path.
class Reader
{
public:
    std::vector<Diagnostic> diagnostics;
    std::vector<std::string> notices; // what a migration changed, in words

    bool hasErrors() const
    {
        for (const auto &d : diagnostics) {
            if (d.severity == Severity::Error)
                return true;
        }
        return false;
    }

    std::optional<Workbook> read(const Json &root)
    {
        if (!readHeader(root, kFormatTag, kFormatVersion, "a ROI Workbench file"))
            return std::nullopt;
        // Older versions migrate here, one step at a time, on a copy of the document. Version 2
        // brought cashable vs capacity value, savings levers and the uncertainty set-up together.
        m_version = root.at("version").get<int>();
        Json migrated;
        const Json *doc = &root;
        if (m_version < 2) {
            migrated = root;
            migrateCashableToV2(migrated, notices);
            migrateUncertaintyToV2(migrated);
            migrateToV2();
            doc = &migrated;
        }
        if (m_version < 3) {
            if (doc != &migrated) {
                migrated = root;
                doc = &migrated;
            }
            // A "snapshots" or "warehouse" key in an older file was unknown to its reader:
            // still reported so.
            m_snapshotsKnown = !migrated.contains("snapshots");
            m_warehouseKnown = !migrated.contains("warehouse");
            migrateToV3(migrated);
            migrateSnapshotsToV3(migrated);
            m_actualsKnown = false;
        }
        bool strayAnalysisScenario = false;
        if (m_version < 4) {
            if (doc != &migrated) {
                migrated = root;
                doc = &migrated;
            }
            // A "planActual" key in an older file was unknown to its reader: still reported so.
            m_planActualKnown = !migrated.contains("planActual");
            migratePlanActualToV4(migrated);
            strayAnalysisScenario = migrateAnalysisScenarioToV4(migrated);
            migrateRevenueToV4(migrated);
            if (migrateWeeklyToV4(migrated) && m_actualsKnown)
                unknown("/actuals/rollup/weeks");
        }

        Workbook wb;
        for (auto it = doc->begin(); it != doc->end(); ++it) {
            const std::string &key = it.key();
            // Appended, not "/" + ...: GCC 12 warns falsely on that form (-Wrestrict, PR 105329).
            std::string path = "/";
            path += escapePointer(key);
            if (key == "format" || key == "version") {
            } else if (key == "settings") {
                readSettings(*it, path, wb.settings);
            } else if (key == "priceBook") {
                readArray(*it, path, limits::kMaxPrices, [&](const Json &e, const std::string &p) {
                    wb.priceBook.push_back(readPrice(e, p));
                });
            } else if (key == "scenarios") {
                readArray(*it, path, limits::kMaxScenarios,
                          [&](const Json &e, const std::string &p) {
                              wb.scenarios.push_back(readScenario(e, p));
                          });
            } else if (key == "useCases") {
                readArray(*it, path, limits::kMaxUseCases,
                          [&](const Json &e, const std::string &p) {
                              wb.useCases.push_back(readUseCase(e, p));
                          });
            } else if (key == "actuals" && m_actualsKnown) {
                actuals::readActuals(
                    *it, path, wb.actuals,
                    [&](const std::string &p, const std::string &m) { error(p, m); },
                    [&](const std::string &p) { unknown(p); });
            } else if (key == "uncertainty") {
                readUncertainty(
                    *it, path, wb.uncertainty,
                    [&](const std::string &p, const std::string &m) { error(p, m); },
                    [&](const std::string &p) { unknown(p); });
            } else if (key == "warehouse" && m_warehouseKnown) {
                readWarehouse(
                    *it, path, wb.warehouse,
                    [&](const std::string &p, const std::string &m) { error(p, m); },
                    [&](const std::string &p) { unknown(p); });
            } else if (key == "planActual" && m_planActualKnown) {
                readPlanActual(
                    *it, path, wb.planActual,
                    [&](const std::string &p, const std::string &m) { error(p, m); },
                    [&](const std::string &p) { unknown(p); });
            } else if (key == "snapshots" && m_snapshotsKnown) {
                readSnapshots(
                    *it, path, wb.snapshots,
                    [&](const std::string &p, const std::string &m) { error(p, m); },
                    [&](const std::string &p) { unknown(p); });
            } else {
                unknown(path);
            }
        }
        if (strayAnalysisScenario)
            unknown("/uncertainty/scenario");
        if (doc->find("useCases") == doc->end())
            error("/useCases", "is missing");
        crossCheck(wb);
        if (hasErrors())
            return std::nullopt;
        return wb;
    }

    /// The price book file: {"format": "roi-workbench-pricebook", "version": 1,
    /// "priceBook": [...]}, each entry read and checked as in a workbook.
    std::optional<std::vector<PriceEntry>> readPriceBookFile(const Json &root)
    {
        if (!readHeader(root, kPriceBookFormatTag, kPriceBookFormatVersion,
                        "a ROI Workbench price book"))
            return std::nullopt;
        std::vector<PriceEntry> prices;
        for (auto it = root.begin(); it != root.end(); ++it) {
            std::string path = "/";
            path += escapePointer(it.key());
            if (it.key() == "format" || it.key() == "version") {
            } else if (it.key() == "priceBook") {
                readArray(*it, path, limits::kMaxPrices, [&](const Json &e, const std::string &p) {
                    prices.push_back(readPrice(e, p));
                });
            } else {
                unknown(path);
            }
        }
        if (root.find("priceBook") == root.end())
            error("/priceBook", "is missing");
        uniquePrices(prices);
        if (hasErrors())
            return std::nullopt;
        return prices;
    }

private:
    /// Version 2 added savings levers to token layers ("levers" in a cost layer). A version-1
    /// file has none, so its contents read unchanged; only a "levers" key in it is not read
    /// as levers but reported as unknown, as a version-1 reader did.
    void migrateToV2() { m_leversKnown = false; }

    int m_version = kFormatVersion;
    bool m_leversKnown = true;
    bool m_snapshotsKnown = true;
    bool m_warehouseKnown = true;
    bool m_planActualKnown = true; // false for files before version 4
    bool m_actualsKnown = true; // false for files before version 3

    /// One entry per model and validFrom: a model may have several rates, each from a day.
    void uniquePrices(const std::vector<PriceEntry> &prices)
    {
        std::set<std::pair<std::string, Date>> seen;
        for (std::size_t i = 0; i < prices.size(); ++i) {
            const PriceEntry &p = prices[i];
            if (p.model.empty() || seen.insert({p.model, p.validFrom}).second)
                continue;
            error("/priceBook/" + std::to_string(i)
                      + (p.validFrom.isNull() ? "/model" : "/validFrom"),
                  p.validFrom.isNull()
                      ? "duplicate name '" + p.model
                            + "'; names must be unique (give each rate of a "
                              "model its own validFrom)"
                      : "duplicate rate of '" + p.model + "' valid from " + p.validFrom.toString()
                            + "; each rate needs its own validFrom");
        }
    }

    /// Checks the object, its format tag and its version; false with an error when the file
    /// is something else or from a newer release.
    bool readHeader(const Json &root, std::string_view tag, int newest, const char *what)
    {
        if (!root.is_object()) {
            error("", "must be a JSON object, not " + describeType(root));
            return false;
        }
        const auto format = root.find("format");
        if (format == root.end() || !format->is_string()
            || format->get_ref<const std::string &>() != tag) {
            error("/format",
                  "must be \"" + std::string(tag) + "\": this is not " + std::string(what));
            return false;
        }
        const auto version = root.find("version");
        if (version == root.end() || !version->is_number_integer()) {
            error("/version", "must be a whole number");
            return false;
        }
        // An unsigned version above the int64 range would wrap to a negative number and be
        // refused as too old; saturate it so it is refused as what it is, newer.
        const std::int64_t v =
            version->is_number_unsigned() ? static_cast<std::int64_t>(std::min<std::uint64_t>(
                version->get<std::uint64_t>(),
                static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max())))
                                          : version->get<std::int64_t>();
        if (v > newest) {
            error("/version", "the file is format version " + version->dump()
                                  + ", written by a newer ROI Workbench; this version reads up "
                                    "to version "
                                  + std::to_string(newest) + ". Update ROI Workbench to open it.");
            return false;
        }
        if (v < 1) {
            error("/version", "must be >= 1");
            return false;
        }
        return true;
    }

    void add(Severity s, std::string path, std::string message)
    {
        if (diagnostics.size() < limits::kMaxDiagnostics) {
            diagnostics.push_back({s, std::move(path), std::move(message)});
        } else if (diagnostics.size() == limits::kMaxDiagnostics) {
            diagnostics.push_back(
                {Severity::Error, "", "too many problems; the rest are not listed"});
        }
    }
    void error(std::string path, std::string message)
    {
        add(Severity::Error, std::move(path), std::move(message));
    }
    void warning(std::string path, std::string message)
    {
        add(Severity::Warning, std::move(path), std::move(message));
    }
    void unknown(const std::string &path) { warning(path, "unknown key, ignored"); }

    bool expectObject(const Json &j, const std::string &path)
    {
        if (j.is_object())
            return true;
        error(path, "must be an object, not " + describeType(j));
        return false;
    }

    template<typename F>
    void readArray(const Json &j, const std::string &path, std::size_t max, F each)
    {
        if (!j.is_array()) {
            error(path, "must be an array, not " + describeType(j));
            return;
        }
        if (j.size() > max) {
            error(path, "has " + std::to_string(j.size()) + " entries; at most "
                            + std::to_string(max) + " are allowed");
            return;
        }
        for (std::size_t i = 0; i < j.size(); ++i)
            each(j[i], path + "/" + std::to_string(i));
    }

    std::string readString(const Json &j, const std::string &path,
                           std::size_t max = limits::kMaxString)
    {
        if (!j.is_string()) {
            error(path, "must be a string, not " + describeType(j));
            return {};
        }
        const auto &s = j.get_ref<const std::string &>();
        // The parser has checked the UTF-8, so characters are the bytes that start one.
        if (s.size() > max) {
            const auto length =
                static_cast<std::size_t>(std::count_if(s.begin(), s.end(), [](char c) {
                    return (static_cast<unsigned char>(c) & 0xC0) != 0x80;
                }));
            if (length > max) {
                error(path, "is " + std::to_string(length) + " characters long; at most "
                                + std::to_string(max) + " are allowed");
                return {};
            }
        }
        return s;
    }

    std::string readName(const Json &j, const std::string &path)
    {
        std::string s = readString(j, path, limits::kMaxName);
        if (j.is_string() && j.get_ref<const std::string &>().empty())
            error(path, "must not be empty");
        return s;
    }

    bool readBool(const Json &j, const std::string &path)
    {
        if (!j.is_boolean()) {
            error(path, "must be true or false, not " + describeType(j));
            return false;
        }
        return j.get<bool>();
    }

    std::optional<double> readNumber(const Json &j, const std::string &path)
    {
        if (!j.is_number()) {
            error(path, "must be a number, not " + describeType(j));
            return std::nullopt;
        }
        const double v = j.get<double>();
        if (!std::isfinite(v)) {
            error(path, "must be a finite number");
            return std::nullopt;
        }
        return v;
    }

    double readChecked(const Json &j, const std::string &path, const FieldInfo &info,
                       double fallback)
    {
        auto v = readNumber(j, path);
        if (!v)
            return fallback;
        if (*v < info.min) {
            error(path, "must be >= " + formatLimit(info.min));
            return fallback;
        }
        if (*v > info.max) {
            error(path, "must be <= " + formatLimit(info.max));
            return fallback;
        }
        if (info.integer && *v != std::floor(*v)) {
            error(path, "must be a whole number");
            return fallback;
        }
        return *v;
    }

    long long readInteger(const Json &j, const std::string &path, long long min, long long max)
    {
        if (!j.is_number_integer()) {
            // A fraction is a number too: "not a number" would contradict itself.
            error(path, j.is_number() ? std::string("must be a whole number")
                                      : "must be a whole number, not " + describeType(j));
            return min;
        }
        // Unsigned values above the signed range read as huge numbers, caught below.
        const double d = j.get<double>();
        if (d < static_cast<double>(min)) {
            error(path, "must be >= " + std::to_string(min));
            return min;
        }
        if (d > static_cast<double>(max)) {
            error(path, "must be <= " + std::to_string(max));
            return min;
        }
        return j.get<long long>();
    }

    template<typename E>
    E readEnum(const Json &j, const std::string &path, E fallback)
    {
        if (j.is_string()) {
            if (auto e = enumFromName<E>(j.get_ref<const std::string &>()))
                return *e;
        }
        std::string allowed;
        for (const auto &entry : EnumInfo<E>::entries) {
            if (!allowed.empty())
                allowed += ", ";
            allowed += entry.name;
        }
        error(path, "must be one of " + allowed);
        return fallback;
    }

    Date readDate(const Json &j, const std::string &path)
    {
        const std::string s = readString(j, path, 32);
        if (s.empty())
            return {};
        if (auto d = Date::parse(s))
            return *d;
        error(path, "must be a date YYYY-MM-DD or \"\"");
        return {};
    }

    YearMonth readMonth(const Json &j, const std::string &path)
    {
        const std::string s = readString(j, path, 32);
        if (auto m = YearMonth::parse(s))
            return *m;
        if (j.is_string())
            error(path, "must be a month YYYY-MM");
        return {};
    }

    /// Reads `key` as one of the numeric fields of T; false when it is not one.
    template<typename T>
    bool readField(const std::string &key, const Json &j, const std::string &path, T &target,
                   std::span<const Field<T>> fields)
    {
        const Field<T> *f = findField(fields, key);
        if (!f)
            return false;
        double &slot = target.*(f->member);
        slot = readChecked(j, path, f->info, slot);
        return true;
    }

    /// Iterates an object's members, calling `member(key, value, path)`; members it declines
    /// are reported as unknown.
    template<typename F>
    void readObject(const Json &j, const std::string &path, F member)
    {
        if (!expectObject(j, path))
            return;
        for (auto it = j.begin(); it != j.end(); ++it) {
            const std::string p = path + "/" + escapePointer(it.key());
            if (!member(it.key(), *it, p))
                unknown(p);
        }
    }

    void readSettings(const Json &j, const std::string &path, Settings &s)
    {
        readObject(j, path, [&](const std::string &key, const Json &v, const std::string &p) {
            if (key == "name") {
                s.name = readString(v, p, limits::kMaxName);
            } else if (key == "currency") {
                s.currency = readString(v, p, 8);
                const bool iso = s.currency.size() == 3
                                 && std::all_of(s.currency.begin(), s.currency.end(),
                                                [](char c) { return c >= 'A' && c <= 'Z'; });
                if (v.is_string() && !iso) {
                    error(p, "must be a three-letter ISO 4217 code such as USD");
                    s.currency = "USD";
                }
            } else if (key == "startMonth") {
                s.startMonth = readMonth(v, p);
            } else if (key == "horizonMonths") {
                s.horizonMonths = static_cast<int>(readInteger(v, p, 1, 120));
            } else if (key == "softValueInHeadline") {
                s.softValueInHeadline = readBool(v, p);
            } else if (key == "capacityInHeadline") {
                s.capacityInHeadline = readBool(v, p);
            } else if (key == "preparedBy") {
                s.preparedBy = readString(v, p, limits::kMaxName);
            } else if (key == "logoPng") {
                s.logoPng = readString(v, p, limits::kMaxLogo);
                const bool base64 = std::all_of(s.logoPng.begin(), s.logoPng.end(), [](char c) {
                    return std::isalnum(static_cast<unsigned char>(c)) || c == '+' || c == '/'
                           || c == '=';
                });
                if (!base64) {
                    error(p, "must be base64-encoded PNG data");
                    s.logoPng.clear();
                }
            } else if (key == "monteCarlo") {
                readObject(v, p, [&](const std::string &k, const Json &mv, const std::string &mp) {
                    if (k == "trials")
                        s.monteCarloTrials = static_cast<int>(readInteger(mv, mp, 1, 1'000'000));
                    else if (k == "seed")
                        s.monteCarloSeed =
                            static_cast<std::uint32_t>(readInteger(mv, mp, 0, 4294967295LL));
                    else
                        return false;
                    return true;
                });
            } else if (!readField(key, v, p, s, settingsFields())) {
                return false;
            }
            return true;
        });
    }

    PriceEntry readPrice(const Json &j, const std::string &path)
    {
        PriceEntry e;
        readObject(j, path, [&](const std::string &key, const Json &v, const std::string &p) {
            if (key == "model")
                e.model = readName(v, p);
            else if (key == "asOf")
                e.asOf = readDate(v, p);
            else if (key == "validFrom" && m_actualsKnown)
                e.validFrom = readDate(v, p);
            else
                return readField(key, v, p, e, priceFields());
            return true;
        });
        if (j.is_object() && !j.contains("model"))
            error(path + "/model", "is missing");
        return e;
    }

    Scenario readScenario(const Json &j, const std::string &path)
    {
        Scenario sc;
        readObject(j, path, [&](const std::string &key, const Json &v, const std::string &p) {
            if (key == "name") {
                sc.name = readName(v, p);
            } else if (key == "description") {
                sc.description = readString(v, p);
            } else if (key == "adjustments") {
                readArray(v, p, limits::kMaxAdjustments, [&](const Json &e, const std::string &ap) {
                    sc.adjustments.push_back(readAdjustment(e, ap));
                });
            } else {
                return false;
            }
            return true;
        });
        if (j.is_object() && !j.contains("name"))
            error(path + "/name", "is missing");
        return sc;
    }

    Adjustment readAdjustment(const Json &j, const std::string &path)
    {
        Adjustment a;
        readObject(j, path, [&](const std::string &key, const Json &v, const std::string &p) {
            if (key == "input") {
                a.input = readString(v, p, limits::kMaxInputName);
                std::string why;
                if (v.is_string() && !InputPath::parse(a.input, &why))
                    error(p, "is not a named input: " + why);
            } else if (key == "op") {
                a.op = readEnum(v, p, AdjustmentOp::Multiply);
            } else if (key == "value") {
                static constexpr FieldInfo kValue{"",
                                                  "",
                                                  ValueUnit::Number,
                                                  -limits::kMaxAdjustmentValue,
                                                  limits::kMaxAdjustmentValue,
                                                  false,
                                                  ""};
                a.value = readChecked(v, p, kValue, a.value);
            } else if (key == "useCase") {
                a.useCase = readString(v, p, limits::kMaxName);
            } else {
                return false;
            }
            return true;
        });
        if (j.is_object() && !j.contains("input"))
            error(path + "/input", "is missing");
        return a;
    }

    CostLayer readLayer(const Json &j, const std::string &path)
    {
        CostLayer l;
        readObject(j, path, [&](const std::string &key, const Json &v, const std::string &p) {
            if (key == "name")
                l.name = readName(v, p);
            else if (key == "type")
                l.type = readEnum(v, p, LayerType::FixedMonthly);
            else if (key == "category")
                l.category = readEnum(v, p, CostCategory::Other);
            else if (key == "model")
                l.model = readString(v, p, limits::kMaxName);
            else if (key == "basis")
                l.basis = readEnum(v, p, UnitBasis::HandledUnit);
            else if (key == "levers" && m_leversKnown)
                readLevers(v, p, l.levers);
            else
                return readField(key, v, p, l, layerFields());
            return true;
        });
        if (j.is_object()) {
            for (const char *required : {"name", "type", "category"}) {
                if (!j.contains(required))
                    error(path + "/" + required, "is missing");
            }
        }
        return l;
    }

    void readLevers(const Json &j, const std::string &path, LayerLevers &levers)
    {
        readObject(j, path, [&](const std::string &key, const Json &v, const std::string &p) {
            for (int k = 0; k < kLeverCount; ++k) {
                const auto kind = static_cast<LeverKind>(k);
                if (key == leverKey(kind)) {
                    readLever(v, p, kind, levers);
                    return true;
                }
            }
            for (const LeverField &f : leverFields(LeverKind::Count)) {
                if (key == f.info.key) {
                    *f.slot(levers) = readChecked(v, p, f.info, f.read(levers));
                    return true;
                }
            }
            return false;
        });
    }

    void readLever(const Json &j, const std::string &path, LeverKind kind, LayerLevers &levers)
    {
        readObject(j, path, [&](const std::string &key, const Json &v, const std::string &p) {
            if (key == "enabled") {
                levers.plan(kind).enabled = readBool(v, p);
                return true;
            }
            if (kind == LeverKind::Routing && key == "targetModel") {
                levers.routing.targetModel = readString(v, p, limits::kMaxName);
                return true;
            }
            if (kind == LeverKind::Routing && key == "qualityGate") {
                levers.routing.qualityGate = readString(v, p);
                return true;
            }
            for (const LeverField &f : leverFields(kind)) {
                if (key == f.info.key) {
                    *f.slot(levers) = readChecked(v, p, f.info, f.read(levers));
                    return true;
                }
            }
            return false;
        });
    }

    ValueDriver readDriver(const Json &j, const std::string &path)
    {
        ValueDriver d;
        readObject(j, path, [&](const std::string &key, const Json &v, const std::string &p) {
            if (key == "name")
                d.name = readName(v, p);
            else if (key == "kind")
                d.kind = readEnum(v, p, DriverKind::LaborReclaimed);
            else if (key == "hard")
                d.hard = readBool(v, p);
            else if (key == "term")
                d.term = readEnum(v, p, NumeratorTerm::AvoidedCost);
            else if (key == "area")
                d.area = readEnum(v, p, ValueArea::OperationalEfficiency);
            else if (key == "capacityMode")
                d.capacityMode = readEnum(v, p, CapacityMode::PerUnit);
            else if (key == "avoidedMode")
                d.avoidedMode = readEnum(v, p, AvoidedMode::FixedMonthly);
            else if (key == "metric")
                d.metric = readString(v, p, limits::kMaxName);
            else
                return readField(key, v, p, d, driverFields());
            return true;
        });
        if (j.is_object()) {
            for (const char *required : {"name", "kind"}) {
                if (!j.contains(required))
                    error(path + "/" + required, "is missing");
            }
        }
        if (d.kind == DriverKind::SoftValue && d.hard) {
            warning(path + "/hard", "a soft-value driver is never hard; read as soft");
            d.hard = false;
        }
        return d;
    }

    ScorecardMetric readMetric(const Json &j, const std::string &path)
    {
        ScorecardMetric m;
        static constexpr FieldInfo kMetric{"", "", ValueUnit::Number, -1e15, 1e15, false, ""};
        readObject(j, path, [&](const std::string &key, const Json &v, const std::string &p) {
            if (key == "bucket")
                m.bucket = readEnum(v, p, ScorecardBucket::Outcomes);
            else if (key == "name")
                m.name = readName(v, p);
            else if (key == "unit")
                m.unit = readString(v, p, limits::kMaxUnit);
            else if (key == "baseline")
                m.baseline = readChecked(v, p, kMetric, 0);
            else if (key == "target")
                m.target = readChecked(v, p, kMetric, 0);
            else if (key == "actual")
                m.actual = v.is_null() ? std::nullopt
                                       : std::optional<double>(readChecked(v, p, kMetric, 0));
            else
                return false;
            return true;
        });
        // Required like every other element's name: the writer refuses an empty one, so a
        // metric read without a name could never be saved again.
        if (j.is_object() && !j.contains("name"))
            error(path + "/name", "is missing");
        return m;
    }

    UseCase readUseCase(const Json &j, const std::string &path)
    {
        UseCase uc;
        uc.ramp.goLive = {};
        readObject(j, path, [&](const std::string &key, const Json &v, const std::string &p) {
            if (key == "name") {
                uc.name = readName(v, p);
            } else if (key == "description") {
                uc.description = readString(v, p);
            } else if (key == "baseline") {
                Baseline &b = uc.baseline;
                readObject(v, p, [&](const std::string &k, const Json &bv, const std::string &bp) {
                    if (k == "capturedOn")
                        b.capturedOn = readDate(bv, bp);
                    else if (k == "source")
                        b.source = readString(bv, bp);
                    else if (k == "unit")
                        b.unit = readString(bv, bp, limits::kMaxUnit);
                    else if (k == "notes")
                        b.notes = readString(bv, bp);
                    else
                        return readField(k, bv, bp, b, baselineFields());
                    return true;
                });
            } else if (key == "outcome") {
                readObject(v, p, [&](const std::string &k, const Json &ov, const std::string &op) {
                    if (k == "name")
                        uc.outcome.name = readString(ov, op, limits::kMaxName);
                    else
                        return readField(k, ov, op, uc.outcome, outcomeFields());
                    return true;
                });
            } else if (key == "costLayers") {
                readArray(v, p, limits::kMaxLayers, [&](const Json &e, const std::string &ep) {
                    uc.layers.push_back(readLayer(e, ep));
                });
                uniqueNames(uc.layers, p, [](const CostLayer &l) { return l.name; });
            } else if (key == "valueDrivers") {
                readArray(v, p, limits::kMaxDrivers, [&](const Json &e, const std::string &ep) {
                    uc.drivers.push_back(readDriver(e, ep));
                });
                uniqueNames(uc.drivers, p, [](const ValueDriver &d) { return d.name; });
            } else if (key == "risk") {
                readObject(v, p, [&](const std::string &k, const Json &rv, const std::string &rp) {
                    return readField(k, rv, rp, uc.risk, riskFields());
                });
            } else if (key == "ramp") {
                readObject(v, p, [&](const std::string &k, const Json &rv, const std::string &rp) {
                    if (k == "goLive")
                        uc.ramp.goLive = readMonth(rv, rp);
                    else if (k == "curve")
                        uc.ramp.curve = readEnum(rv, rp, RampCurve::Linear);
                    else
                        return readField(k, rv, rp, uc.ramp, rampFields());
                    return true;
                });
                if (v.is_object() && !v.contains("goLive"))
                    error(p + "/goLive", "is missing");
            } else if (key == "maturity") {
                uc.maturity = readEnum(v, p, MaturityStage::Readiness);
            } else if (key == "scorecard") {
                readArray(v, p, limits::kMaxScorecard, [&](const Json &e, const std::string &ep) {
                    uc.scorecard.push_back(readMetric(e, ep));
                });
            } else {
                return false;
            }
            return true;
        });
        if (j.is_object()) {
            for (const char *required : {"name", "ramp"}) {
                if (!j.contains(required))
                    error(path + "/" + required, "is missing");
            }
        }
        return uc;
    }

    template<typename T, typename NameOf>
    void uniqueNames(const std::vector<T> &items, const std::string &path, NameOf nameOf,
                     const char *key = "name")
    {
        std::set<std::string> seen;
        for (std::size_t i = 0; i < items.size(); ++i) {
            const std::string n = nameOf(items[i]);
            if (!n.empty() && !seen.insert(n).second)
                error(path + "/" + std::to_string(i) + "/" + key,
                      "duplicate name '" + n + "'; names must be unique");
        }
    }

    void crossCheck(Workbook &wb)
    {
        validateUncertainty(wb, [&](const std::string &p, const std::string &m) { error(p, m); });
        uniqueNames(wb.useCases, "/useCases", [](const UseCase &u) { return u.name; });
        // The name of a price-book entry is its "model" key (and its validFrom).
        uniquePrices(wb.priceBook);
        actuals::validateActuals(wb,
                                 [&](const std::string &p, const std::string &m) { error(p, m); });
        validatePlanActual(wb, [&](const std::string &p, const std::string &m) { error(p, m); });
        uniqueNames(wb.scenarios, "/scenarios", [](const Scenario &s) { return s.name; });
        for (std::size_t s = 0; s < wb.scenarios.size(); ++s) {
            const auto &adjustments = wb.scenarios[s].adjustments;
            for (std::size_t a = 0; a < adjustments.size(); ++a) {
                const std::string &target = adjustments[a].useCase;
                if (!target.empty() && wb.findUseCase(target) < 0) {
                    error("/scenarios/" + std::to_string(s) + "/adjustments/" + std::to_string(a)
                              + "/useCase",
                          "names no use case ('" + target + "')");
                }
            }
        }
        // A routing lever sends calls to a model the price book must price.
        for (std::size_t u = 0; u < wb.useCases.size(); ++u) {
            const auto &layers = wb.useCases[u].layers;
            for (std::size_t i = 0; i < layers.size(); ++i) {
                const RoutingLever &r = layers[i].levers.routing;
                const std::string p = "/useCases/" + std::to_string(u) + "/costLayers/"
                                      + std::to_string(i) + "/levers/routing/targetModel";
                if (r.plan.enabled && r.targetModel.empty())
                    error(p, "must name the price-book model calls are routed to");
                else if (!r.targetModel.empty() && !wb.findPrice(r.targetModel))
                    error(p, "names no model of the price book ('" + r.targetModel + "')");
            }
        }
        // The other limits multiply: 1,000 use cases of 200 layers and 200 drivers under 100
        // scenarios would ask compute() for tens of gigabytes from a 16 MiB file.
        if (const std::size_t series = seriesCount(wb); series > limits::kMaxSeries) {
            error("", "the workbook needs " + std::to_string(series)
                          + " monthly series to compute (per scenario: 21 per use case, 1 per "
                            "cost layer, 2 per value driver); at most "
                          + std::to_string(limits::kMaxSeries)
                          + " are allowed. Split it, or remove scenarios or use cases");
        }
        // Base, Best and Worst always exist; a file without them gets the defaults.
        const auto defaults = defaultScenarios();
        for (std::size_t i = 0; i < defaults.size(); ++i) {
            bool present = false;
            for (const auto &sc : wb.scenarios)
                present = present || sc.name == defaults[i].name;
            if (!present) {
                warning("/scenarios", "scenario '" + defaults[i].name
                                          + "' was missing; the default one was added");
                wb.scenarios.insert(
                    wb.scenarios.begin()
                        + static_cast<std::ptrdiff_t>(std::min(i, wb.scenarios.size())),
                    defaults[i]);
            }
        }
    }
};

/// A library message made fit for a diagnostic. nlohmann quotes the bytes it stopped at, which
/// in a file with bad UTF-8 are themselves bad UTF-8; a diagnostic must be valid UTF-8 to be
/// shown or written as JSON, so each byte that does not begin a well-formed sequence becomes
/// U+FFFD. A leading "[json.exception.out_of_range.406] " is library jargon and goes too.
std::string plainMessage(std::string_view what)
{
    if (!what.empty() && what.front() == '[') {
        const auto close = what.find("] ");
        if (close != std::string_view::npos)
            what.remove_prefix(close + 2);
    }
    auto byte = [&](std::size_t i) {
        return static_cast<unsigned char>(what[i]);
    };
    std::string out;
    std::size_t i = 0;
    while (i < what.size()) {
        const unsigned c = byte(i);
        const std::size_t len = c < 0x80                 ? 1
                                : c >= 0xC2 && c <= 0xDF ? 2
                                : c >= 0xE0 && c <= 0xEF ? 3
                                : c >= 0xF0 && c <= 0xF4 ? 4
                                                         : 0;
        bool ok = len > 0 && i + len <= what.size();
        for (std::size_t k = 1; ok && k < len; ++k)
            ok = (byte(i + k) & 0xC0) == 0x80;
        // No overlong forms, no surrogates, nothing above U+10FFFF.
        if (ok && len >= 3) {
            const unsigned c1 = byte(i + 1);
            ok = !(c == 0xE0 && c1 < 0xA0) && !(c == 0xED && c1 >= 0xA0)
                 && !(c == 0xF0 && c1 < 0x90) && !(c == 0xF4 && c1 >= 0x90);
        }
        if (ok) {
            out.append(what.substr(i, len));
            i += len;
        } else {
            out += "\xEF\xBF\xBD";
            ++i;
        }
    }
    return out;
}

/// Refuses nesting deeper than the format needs before the recursive parser sees it.
std::optional<Diagnostic> checkDepth(std::string_view bytes)
{
    int depth = 0;
    bool inString = false;
    bool escaped = false;
    for (std::size_t i = 0; i < bytes.size(); ++i) {
        const char c = bytes[i];
        if (inString) {
            if (escaped)
                escaped = false;
            else if (c == '\\')
                escaped = true;
            else if (c == '"')
                inString = false;
            continue;
        }
        if (c == '"') {
            inString = true;
        } else if (c == '{' || c == '[') {
            if (++depth > limits::kMaxDepth) {
                return Diagnostic{Severity::Error, "",
                                  "nesting deeper than " + std::to_string(limits::kMaxDepth)
                                      + " levels at byte " + std::to_string(i)};
            }
        } else if (c == '}' || c == ']') {
            --depth;
        }
    }
    return std::nullopt;
}

} // namespace

std::string Diagnostic::toString() const
{
    std::string out = path.empty() ? std::string("(file)") : path;
    out += ": ";
    if (severity == Severity::Warning)
        out += "warning: ";
    out += message;
    return out;
}

std::vector<Diagnostic> LoadResult::errors() const
{
    std::vector<Diagnostic> out;
    for (const auto &d : diagnostics) {
        if (d.severity == Severity::Error)
            out.push_back(d);
    }
    return out;
}

namespace {

/// The bytes stage every reader shares: size, nesting and JSON syntax. A document, or nothing
/// with the error in `diagnostics`.
std::optional<Json> parseBytes(std::string_view bytes, std::vector<Diagnostic> &diagnostics)
{
    auto fail = [&](std::string message) {
        diagnostics.push_back({Severity::Error, "", std::move(message)});
        return std::nullopt;
    };
    if (bytes.empty())
        return fail("the file is empty");
    if (bytes.size() > limits::kMaxFileBytes) {
        return fail("the file is " + std::to_string(bytes.size()) + " bytes; files are limited to "
                    + std::to_string(limits::kMaxFileBytes / (1024 * 1024)) + " MiB");
    }
    if (auto tooDeep = checkDepth(bytes)) {
        diagnostics.push_back(*tooDeep);
        return std::nullopt;
    }
    try {
        return Json::parse(bytes.begin(), bytes.end());
    } catch (const Json::parse_error &e) {
        // e.what() repeats the byte offset with library jargon; keep the part after "error".
        std::string what = e.what();
        const auto colon = what.find("syntax error");
        return fail("not valid JSON at byte " + std::to_string(e.byte) + ": "
                    + plainMessage(colon != std::string::npos ? what.substr(colon) : what));
    } catch (const std::exception &e) {
        // e.g. out_of_range for a number beyond the range of a double (1e400)
        return fail("not valid JSON: " + plainMessage(e.what()));
    }
}

/// Runs `read` on the parsed document; an exception is an error, never a crash. The value, or
/// nothing when any diagnostic is an error.
template<typename T, typename Read>
std::optional<T> convert(std::string_view bytes, std::vector<Diagnostic> &diagnostics, Read read)
{
    const std::optional<Json> root = parseBytes(bytes, diagnostics);
    if (!root)
        return std::nullopt;
    Reader reader;
    std::optional<T> value;
    try {
        value = read(reader, *root);
    } catch (const std::exception &e) {
        reader.diagnostics.push_back(
            {Severity::Error, "", "unexpected content: " + plainMessage(e.what())});
        value.reset();
    }
    diagnostics = std::move(reader.diagnostics);
    if (reader.hasErrors())
        value.reset();
    return value;
}

} // namespace

LoadResult readWorkbook(std::string_view bytes)
{
    LoadResult result;
    result.workbook =
        convert<Workbook>(bytes, result.diagnostics, [&result](Reader &r, const Json &root) {
            auto wb = r.read(root);
            result.notices = r.notices;
            return wb;
        });
    return result;
}

PriceBookResult readPriceBook(std::string_view bytes)
{
    PriceBookResult result;
    result.prices = convert<std::vector<PriceEntry>>(
        bytes, result.diagnostics,
        [](Reader &r, const Json &root) { return r.readPriceBookFile(root); });
    return result;
}

std::string writePriceBook(const std::vector<PriceEntry> &prices)
{
    Json j;
    j["format"] = std::string(kPriceBookFormatTag);
    j["version"] = kPriceBookFormatVersion;
    j["priceBook"] = pricesJson(prices);
    return j.dump(2, ' ', false, Json::error_handler_t::replace) + '\n';
}

std::vector<Diagnostic> validateWorkbook(const Workbook &workbook)
{
    Reader reader;
    reader.read(toJson(workbook));
    // Warnings about defaults the reader would add are not problems of the workbook in memory,
    // except a missing standard scenario.
    return reader.diagnostics;
}

std::size_t seriesCount(const Workbook &workbook)
{
    const std::size_t scenarios = std::max<std::size_t>(1, workbook.scenarios.size());
    std::size_t perScenario = CaseResult::seriesCount(0, 0); // the portfolio
    for (const UseCase &uc : workbook.useCases)
        perScenario += CaseResult::seriesCount(uc.layers.size(), uc.drivers.size());
    return scenarios * perScenario;
}

SaveResult writeWorkbook(const Workbook &workbook)
{
    SaveResult result;
    const Json json = toJson(workbook);
    Reader reader;
    reader.read(json);
    for (auto &d : reader.diagnostics) {
        if (d.severity == Severity::Error)
            result.errors.push_back(std::move(d));
    }
    if (!result.errors.empty())
        return result;
    result.text = json.dump(2, ' ', false, Json::error_handler_t::replace);
    result.text += '\n';
    // Indentation can push a workbook that was read near the size limit over it, and a file
    // the reader refuses is a file lost: fall back to compact JSON, refuse when even that is
    // too large.
    if (result.text.size() > limits::kMaxFileBytes)
        result.text = json.dump(-1, ' ', false, Json::error_handler_t::replace) + '\n';
    if (result.text.size() > limits::kMaxFileBytes) {
        result.errors.push_back({Severity::Error, "",
                                 "the workbook would be " + std::to_string(result.text.size())
                                     + " bytes; files are limited to "
                                     + std::to_string(limits::kMaxFileBytes / (1024 * 1024))
                                     + " MiB. Remove use cases, long notes or the logo"});
        result.text.clear();
    }
    return result;
}

} // namespace roi
