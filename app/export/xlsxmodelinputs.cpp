// The Inputs sheet (every input of every use case, the settings and the price book, one row each,
// a defined name each) and the Scenarios sheet (each scenario's adjustments and the selector).
// Next to each input, its effective value: the input with the selected scenario's adjustments
// applied in order and clamped to the input's legal range, as the engine applies them.
#include "xlsxmodelcore.h"

#include "enums.h"
#include "inputs.h"
#include "levers/leverfields.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <set>

namespace roi::xlsxmodel {

namespace {

constexpr int kColPath = 0, kColLabel = 1, kColValue = 2, kColUnit = 3, kColEffective = 4,
              kColName = 5;

struct ScenarioAdjustment
{
    int scenario = 0;
    InputPath path;
    const Adjustment *source = nullptr;
    E value; // the value cell on the Scenarios sheet
};

std::string unitText(ValueUnit u, const std::string &currency)
{
    switch (u) {
    case ValueUnit::Count:
        return "count";
    case ValueUnit::Money:
        return currency;
    case ValueUnit::MoneyPerHour:
        return currency + " per hour";
    case ValueUnit::MoneyPerMillion:
        return currency + " per 1M tokens";
    case ValueUnit::Share:
        return "share";
    case ValueUnit::Minutes:
        return "minutes";
    case ValueUnit::Months:
        return "months";
    case ValueUnit::MonthNumber:
        return "month of the horizon";
    case ValueUnit::Tokens:
        return "tokens";
    case ValueUnit::Number:
        return "";
    }
    return "";
}

std::string safeName(std::string_view s)
{
    std::string out;
    for (char ch : s) {
        const bool ok =
            (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9');
        out += ok ? ch : '_';
    }
    return out;
}

class InputsWriter
{
public:
    InputsWriter(Context &c, lxw_worksheet *inputs, lxw_worksheet *scenarios)
        : m_c(c)
        , m_ws(inputs)
        , m_sc(scenarios)
    {}

    void run()
    {
        scenarioSheet();
        worksheet_set_column(m_ws, 0, 0, 46, nullptr);
        worksheet_set_column(m_ws, 1, 1, 30, nullptr);
        worksheet_set_column(m_ws, 2, 2, 16, nullptr);
        worksheet_set_column(m_ws, 3, 3, 20, nullptr);
        worksheet_set_column(m_ws, 4, 4, 18, nullptr);
        worksheet_set_column(m_ws, 5, 5, 40, nullptr);
        writeText(m_ws, 0, 0, "Inputs: " + m_c.wb.settings.name, m_c.fmt.title);
        writeText(m_ws, 1, 0,
                  "Change the blue cells on yellow. The effective value applies the scenario "
                  "selected on the Scenarios sheet; the model sheets read it.",
                  m_c.fmt.note);
        const char *headers[] = {"Input (named-input path)", "Label",       "Value", "Unit",
                                 "Effective (scenario)",     "Defined name"};
        for (int i = 0; i < 6; ++i)
            writeText(m_ws, 3, i, headers[i], m_c.fmt.header);
        worksheet_freeze_panes(m_ws, 4, 1);
        // Printed: landscape, one page wide, the header on every page.
        worksheet_set_landscape(m_ws);
        worksheet_fit_to_pages(m_ws, 1, 0);
        worksheet_repeat_rows(m_ws, 3, 3);
        m_row = 4;
        settingsSection();
        priceSection();
        for (int u = 0; u < static_cast<int>(m_c.wb.useCases.size()); ++u)
            useCaseSection(u);
    }

    /// The defined names of the input cells, in the order they were met.
    const std::vector<std::pair<std::string, std::string>> &names() const { return m_names; }

private:
    void section(const std::string &title)
    {
        ++m_row;
        for (int col = 0; col <= kColName; ++col)
            writeText(m_ws, m_row, col, col == 0 ? title : "", m_c.fmt.section);
        ++m_row;
    }

    lxw_format *inputFormat(ValueUnit u, double v) const
    {
        if (u == ValueUnit::Share)
            return m_c.fmt.inShare;
        if ((u == ValueUnit::Money || u == ValueUnit::MoneyPerHour) && (v == 0 || std::abs(v) >= 1))
            return m_c.fmt.inMoney;
        return m_c.fmt.inNumber;
    }
    lxw_format *formulaFormat(ValueUnit u, double v) const
    {
        if (u == ValueUnit::Share)
            return m_c.fmt.share;
        if ((u == ValueUnit::Money || u == ValueUnit::MoneyPerHour) && (v == 0 || std::abs(v) >= 1))
            return m_c.fmt.money;
        return m_c.fmt.general;
    }

    void defineName(const std::string &name, int row)
    {
        const std::string target = "=Inputs!" + cellRef(row, kColValue, true);
        m_names.emplace_back(name, target);
        writeText(m_ws, row, kColName, name, m_c.fmt.note);
    }

    /// Whether a scenario adjustment reaches this input.
    static bool reaches(const ScenarioAdjustment &a, const std::string &useCaseName,
                        InputSection section, int element, const std::string &elementName,
                        const std::string &field, bool wildcardApplies)
    {
        if (a.path.section != section || a.path.field != field)
            return false;
        if (section != InputSection::Settings && !a.source->useCase.empty()
            && a.source->useCase != useCaseName)
            return false;
        switch (a.path.selector) {
        case InputPath::Selector::None:
            return true;
        case InputPath::Selector::Key:
            return a.path.key == elementName;
        case InputPath::Selector::Index:
            return a.path.index == element;
        case InputPath::Selector::All:
            return wildcardApplies;
        }
        return false;
    }

    /// The effective value: CHOOSE over the scenarios of the adjustments that reach the input.
    E effective(const E &base, const FieldInfo &info, const std::string &useCaseName,
                InputSection section, int element, const std::string &elementName,
                const std::string &field, bool wildcardApplies)
    {
        const int scenarios = static_cast<int>(m_c.res.scenarios.size());
        std::vector<E> chains;
        bool any = false;
        for (int s = 0; s < scenarios; ++s) {
            E x = base;
            for (const ScenarioAdjustment &a : m_adjustments) {
                if (a.scenario != s
                    || !reaches(a, useCaseName, section, element, elementName, field,
                                wildcardApplies))
                    continue;
                any = true;
                E y = a.source->op == AdjustmentOp::Multiply ? x * a.value
                      : a.source->op == AdjustmentOp::Add    ? x + a.value
                                                             : a.value;
                y = minE(maxE(y, num(info.min)), num(info.max));
                if (info.integer)
                    y = call("ROUND", {y, num(0)}, std::round(y.v));
                x = y;
            }
            chains.push_back(x);
        }
        if (!any)
            return base;
        std::vector<E> args{ref(m_c.scenarioIndexCell, m_c.scenario + 1)};
        args.insert(args.end(), chains.begin(), chains.end());
        return call("CHOOSE", args, chains[static_cast<std::size_t>(m_c.scenario)].v);
    }

    /// One numeric input row: path, label, the input cell, unit, effective value, name.
    void inputRow(const std::string &path, const FieldInfo &info, double value, int useCase,
                  const std::string &useCaseName, InputSection section, std::string_view sectionKey,
                  int element, const std::string &elementName, const std::string &field,
                  bool wildcardApplies)
    {
        writeText(m_ws, m_row, kColPath, path, m_c.fmt.label);
        writeText(m_ws, m_row, kColLabel, info.label, m_c.fmt.label);
        worksheet_write_number(m_ws, m_row, kColValue, value, inputFormat(info.unit, value));
        writeText(m_ws, m_row, kColUnit, unitText(info.unit, m_c.wb.settings.currency),
                  m_c.fmt.note);
        const E base = ref("Inputs!" + cellRef(m_row, kColValue, true), value);
        const E eff = effective(base, info, useCaseName, section, element, elementName, field,
                                wildcardApplies);
        writeFormula(m_c, m_ws, m_row, kColEffective, eff, formulaFormat(info.unit, eff.v));
        const std::string key = inputKey(useCase, sectionKey, element, field);
        m_c.cells[key] = ref("Inputs!" + cellRef(m_row, kColEffective, true), eff.v);
        std::string name = "in_";
        if (useCase >= 0)
            name += "uc" + std::to_string(useCase + 1) + "_";
        name += std::string(sectionKey);
        if (element >= 0)
            name += std::to_string(element + 1);
        name += "_" + safeName(field);
        defineName(name, m_row);
        ++m_row;
    }

    /// A structural input (text, date, yes/no) the formulas read directly.
    void plainRow(const std::string &path, std::string_view label, const std::string &key,
                  const std::string &name, const std::string &unit)
    {
        writeText(m_ws, m_row, kColPath, path, m_c.fmt.label);
        writeText(m_ws, m_row, kColLabel, label, m_c.fmt.label);
        writeText(m_ws, m_row, kColUnit, unit, m_c.fmt.note);
        m_c.cells[key] = ref("Inputs!" + cellRef(m_row, kColValue, true), m_pendingValue);
        defineName(name, m_row);
        ++m_row;
    }

    void settingsSection()
    {
        const Settings &s = m_c.wb.settings;
        section("Settings");
        for (const auto &f : settingsFields()) {
            inputRow("settings." + std::string(f.info.key), f.info, s.*f.member, -1, "",
                     InputSection::Settings, "settings", -1, "", std::string(f.info.key), true);
        }
        lxw_datetime start{s.startMonth.year, s.startMonth.month, 1, 0, 0, 0};
        worksheet_write_datetime(m_ws, m_row, kColValue, &start, m_c.fmt.inMonth);
        m_pendingValue = 0;
        plainRow("settings.startMonth", "Start month", inputKey(-1, "settings", -1, "startMonth"),
                 "in_settings_startMonth", "first month of the horizon");
        worksheet_write_boolean(m_ws, m_row, kColValue, s.softValueInHeadline, m_c.fmt.inText);
        m_pendingValue = s.softValueInHeadline ? 1 : 0;
        plainRow("settings.softValueInHeadline", "Soft value in the headline",
                 inputKey(-1, "settings", -1, "softValueInHeadline"),
                 "in_settings_softValueInHeadline", "TRUE / FALSE");
        worksheet_write_boolean(m_ws, m_row, kColValue, s.capacityInHeadline, m_c.fmt.inText);
        m_pendingValue = s.capacityInHeadline ? 1 : 0;
        plainRow("settings.capacityInHeadline", "Capacity value in the headline",
                 inputKey(-1, "settings", -1, "capacityInHeadline"),
                 "in_settings_capacityInHeadline", "TRUE / FALSE");
        writeText(m_ws, m_row, kColPath, "settings.horizonMonths", m_c.fmt.label);
        writeText(m_ws, m_row, kColLabel, "Horizon (months)", m_c.fmt.label);
        worksheet_write_number(m_ws, m_row, kColValue, m_c.months, m_c.fmt.number);
        writeText(m_ws, m_row, kColUnit, "one column per month on the model sheets", m_c.fmt.note);
        ++m_row;
    }

    void priceSection()
    {
        section("Price book (per million tokens)");
        for (std::size_t j = 0; j < m_c.wb.priceBook.size(); ++j) {
            const PriceEntry &e = m_c.wb.priceBook[j];
            for (const auto &f : priceFields()) {
                const std::string field(f.info.key);
                writeText(m_ws, m_row, kColPath, priceInput(e.model, field), m_c.fmt.label);
                writeText(m_ws, m_row, kColLabel, f.info.label, m_c.fmt.label);
                worksheet_write_number(m_ws, m_row, kColValue, e.*f.member, m_c.fmt.inNumber);
                writeText(m_ws, m_row, kColUnit, unitText(f.info.unit, m_c.wb.settings.currency),
                          m_c.fmt.note);
                writeText(m_ws, m_row, kColEffective, "per use case below", m_c.fmt.note);
                m_priceCells[inputKey(-1, "prices", static_cast<int>(j), field)] =
                    ref("Inputs!" + cellRef(m_row, kColValue, true), e.*f.member);
                defineName("in_prices" + std::to_string(j + 1) + "_" + field, m_row);
                ++m_row;
            }
        }
    }

    /// The price entry the engine uses for a model: the last of that name; -1 when none.
    int priceIndex(const std::string &model) const
    {
        int found = -1;
        for (std::size_t j = 0; j < m_c.wb.priceBook.size(); ++j) {
            if (m_c.wb.priceBook[j].model == model)
                found = static_cast<int>(j);
        }
        return found;
    }

    void useCaseSection(int u)
    {
        const UseCase &uc = m_c.wb.useCases[static_cast<std::size_t>(u)];
        const std::string &n = uc.name;
        section("Use case " + std::to_string(u + 1) + ": " + n);
        for (const auto &f : baselineFields())
            inputRow("baseline." + std::string(f.info.key), f.info, uc.baseline.*f.member, u, n,
                     InputSection::Baseline, "baseline", -1, "", std::string(f.info.key), true);
        for (const auto &f : outcomeFields())
            inputRow("outcome." + std::string(f.info.key), f.info, uc.outcome.*f.member, u, n,
                     InputSection::Outcome, "outcome", -1, "", std::string(f.info.key), true);
        for (std::size_t i = 0; i < uc.layers.size(); ++i) {
            const CostLayer &l = uc.layers[i];
            const int el = static_cast<int>(i);
            std::string what = std::string(enumLabel(l.type));
            if (l.type == LayerType::TokenUsage)
                what += ", model " + l.model;
            if (l.type == LayerType::PerUnit)
                what += ", " + std::string(enumLabel(l.basis));
            writeText(m_ws, m_row, kColPath, "Cost layer " + std::to_string(i + 1) + ": " + l.name,
                      m_c.fmt.bold);
            writeText(m_ws, m_row, kColLabel, what, m_c.fmt.note);
            ++m_row;
            for (const auto &f : layerFields()) {
                if (!fieldApplies(f, l))
                    continue;
                const std::string field(f.info.key);
                inputRow(layerInput(l.name, field), f.info, l.*f.member, u, n, InputSection::Layers,
                         "layers", el, l.name, field, true);
            }
            if (l.type != LayerType::TokenUsage)
                continue;
            for (const LeverField &f : leverFields()) {
                if (f.lever != LeverKind::Count && !l.levers.plan(f.lever).enabled)
                    continue;
                if (f.lever == LeverKind::Count)
                    continue; // the baseline month only informs a model check
                const std::string field = std::string(kLeverInputPrefix) + f.path();
                inputRow(layerInput(l.name, field), f.info, f.read(l.levers), u, n,
                         InputSection::Layers, "layers", el, l.name, field, true);
            }
        }
        for (std::size_t i = 0; i < uc.drivers.size(); ++i) {
            const ValueDriver &d = uc.drivers[i];
            const int el = static_cast<int>(i);
            std::string what = std::string(enumLabel(d.kind)) + (d.hard ? ", hard" : ", soft")
                               + ", " + std::string(enumLabel(d.term));
            writeText(m_ws, m_row, kColPath,
                      "Value driver " + std::to_string(i + 1) + ": " + d.name, m_c.fmt.bold);
            writeText(m_ws, m_row, kColLabel, what, m_c.fmt.note);
            ++m_row;
            for (const auto &f : driverFields()) {
                if (!fieldApplies(f, d))
                    continue;
                const std::string field(f.info.key);
                inputRow(driverInput(d.name, field), f.info, d.*f.member, u, n,
                         InputSection::Drivers, "drivers", el, d.name, field, fieldApplies(f, d));
            }
        }
        for (const auto &f : riskFields())
            inputRow("risk." + std::string(f.info.key), f.info, uc.risk.*f.member, u, n,
                     InputSection::Risk, "risk", -1, "", std::string(f.info.key), true);
        for (const auto &f : rampFields())
            inputRow("ramp." + std::string(f.info.key), f.info, uc.ramp.*f.member, u, n,
                     InputSection::Ramp, "ramp", -1, "", std::string(f.info.key), true);
        lxw_datetime golive{uc.ramp.goLive.year, uc.ramp.goLive.month, 1, 0, 0, 0};
        worksheet_write_datetime(m_ws, m_row, kColValue, &golive, m_c.fmt.inMonth);
        m_pendingValue = 0;
        plainRow("ramp.goLive", "Go-live month", inputKey(u, "ramp", -1, "goLive"),
                 "in_uc" + std::to_string(u + 1) + "_ramp_goLive", "calendar month");
        const std::string curve(enumName(uc.ramp.curve));
        writeText(m_ws, m_row, kColValue, curve, m_c.fmt.inText);
        lxw_data_validation v{};
        v.validate = LXW_VALIDATION_TYPE_LIST;
        static char immediate[] = "immediate", linear[] = "linear", sCurve[] = "sCurve";
        static char *curves[] = {immediate, linear, sCurve, nullptr};
        v.value_list = curves;
        worksheet_data_validation_cell(m_ws, m_row, kColValue, &v);
        m_pendingValue = static_cast<double>(uc.ramp.curve);
        plainRow("ramp.curve", "Ramp-up curve", inputKey(u, "ramp", -1, "curve"),
                 "in_uc" + std::to_string(u + 1) + "_ramp_curve", "immediate, linear or sCurve");

        // The prices this use case reads, with the adjustments that reach them in this case.
        std::vector<int> used;
        auto use = [&](const std::string &model) {
            const int j = priceIndex(model);
            if (j >= 0 && std::find(used.begin(), used.end(), j) == used.end())
                used.push_back(j);
        };
        for (const CostLayer &l : uc.layers) {
            if (l.type != LayerType::TokenUsage)
                continue;
            use(l.model);
            if (l.levers.routing.plan.enabled)
                use(l.levers.routing.targetModel);
        }
        for (int j : used) {
            const PriceEntry &e = m_c.wb.priceBook[static_cast<std::size_t>(j)];
            for (const auto &f : priceFields()) {
                const std::string field(f.info.key);
                const E &base = m_priceCells.at(inputKey(-1, "prices", j, field));
                writeText(m_ws, m_row, kColPath, priceInput(e.model, field), m_c.fmt.label);
                writeText(m_ws, m_row, kColLabel, std::string(f.info.label) + " (this use case)",
                          m_c.fmt.label);
                writeFormula(m_c, m_ws, m_row, kColValue, base, m_c.fmt.general);
                writeText(m_ws, m_row, kColUnit, unitText(f.info.unit, m_c.wb.settings.currency),
                          m_c.fmt.note);
                const E eff =
                    effective(base, f.info, n, InputSection::Prices, j, e.model, field, true);
                writeFormula(m_c, m_ws, m_row, kColEffective, eff, m_c.fmt.general);
                m_c.cells[inputKey(u, "prices", j, field)] =
                    ref("Inputs!" + cellRef(m_row, kColEffective, true), eff.v);
                ++m_row;
            }
        }
    }

    void scenarioSheet()
    {
        const auto &scenarios = m_c.wb.scenarios;
        const int count = static_cast<int>(m_c.res.scenarios.size());
        worksheet_set_column(m_sc, 0, 0, 22, nullptr);
        worksheet_set_column(m_sc, 1, 1, 46, nullptr);
        worksheet_set_column(m_sc, 2, 2, 24, nullptr);
        worksheet_set_column(m_sc, 3, 3, 12, nullptr);
        worksheet_set_column(m_sc, 4, 4, 14, nullptr);
        writeText(m_sc, 0, 0, "Scenarios", m_c.fmt.title);
        writeText(m_sc, 2, 0, "Scenario shown", m_c.fmt.bold);
        const std::string &shown = m_c.res.scenarios[static_cast<std::size_t>(m_c.scenario)];
        writeText(m_sc, 2, 1, shown, m_c.fmt.inText);
        writeText(m_sc, 2, 2, "choose from the list: every model sheet follows", m_c.fmt.note);
        const int listTop = 7;
        const std::string list =
            "=$A$" + std::to_string(listTop + 1) + ":$A$" + std::to_string(listTop + count);
        lxw_data_validation v{};
        v.validate = LXW_VALIDATION_TYPE_LIST_FORMULA;
        v.value_formula = const_cast<char *>(m_c.keepString(list));
        worksheet_data_validation_cell(m_sc, 2, 1, &v);
        writeText(m_sc, 3, 0, "Scenario number", m_c.fmt.label);
        const std::string match = "MATCH(B3," + list.substr(1) + ",0)";
        writeFormula(m_c, m_sc, 3, 1, E{match, static_cast<double>(m_c.scenario + 1)},
                     m_c.fmt.monthHeader);
        m_c.scenarioIndexCell = "Scenarios!$B$4";
        writeText(m_sc, listTop - 1, 0, "Scenario", m_c.fmt.header);
        writeText(m_sc, listTop - 1, 1, "Description", m_c.fmt.header);
        for (int s = 0; s < count; ++s) {
            writeText(m_sc, listTop + s, 0, m_c.res.scenarios[static_cast<std::size_t>(s)],
                      m_c.fmt.bold);
            if (s < static_cast<int>(scenarios.size()))
                writeText(m_sc, listTop + s, 1, scenarios[static_cast<std::size_t>(s)].description,
                          m_c.fmt.text);
        }
        int row = listTop + count + 2;
        writeText(m_sc, row, 0, "Adjustments, applied in this order to the inputs", m_c.fmt.bold);
        ++row;
        const char *headers[] = {"Scenario", "Input", "Use case", "Operation", "Value"};
        for (int i = 0; i < 5; ++i)
            writeText(m_sc, row, i, headers[i], m_c.fmt.header);
        ++row;
        for (std::size_t s = 0; s < scenarios.size(); ++s) {
            for (const Adjustment &a : scenarios[s].adjustments) {
                writeText(m_sc, row, 0, scenarios[s].name, m_c.fmt.text);
                writeText(m_sc, row, 1, a.input, m_c.fmt.text);
                writeText(m_sc, row, 2, a.useCase.empty() ? "every use case" : a.useCase,
                          m_c.fmt.text);
                const char *op = a.op == AdjustmentOp::Multiply ? "multiply"
                                 : a.op == AdjustmentOp::Add    ? "add"
                                                                : "set";
                writeText(m_sc, row, 3, op, m_c.fmt.text);
                worksheet_write_number(m_sc, row, 4, a.value, m_c.fmt.inNumber);
                auto path = InputPath::parse(a.input);
                if (path) {
                    m_adjustments.push_back({static_cast<int>(s), *path, &a,
                                             ref("Scenarios!" + cellRef(row, 4, true), a.value)});
                } else {
                    writeText(m_sc, row, 5, "ignored: not a named input", m_c.fmt.note);
                }
                ++row;
            }
        }
    }

    Context &m_c;
    lxw_worksheet *m_ws;
    lxw_worksheet *m_sc;
    int m_row = 0;
    double m_pendingValue = 0;
    std::vector<std::pair<std::string, std::string>> m_names; // defined name, target
    std::vector<ScenarioAdjustment> m_adjustments;
    std::map<std::string, E> m_priceCells;
};

void defineNames(lxw_workbook *book, const std::vector<std::pair<std::string, std::string>> &names)
{
    // libxlsxwriter keeps the names in a list sorted as Excel sorts them (lower case), and
    // inserts each by walking the list from its head: defined in ascending order that is
    // quadratic (200 use cases: 10,000 names, seconds). Defined in descending order each goes
    // to the head at once. The list, hence the file, is the same. A name defined twice: the
    // first one counts, as libxlsxwriter refuses the second.
    auto lower = [](std::string s) {
        for (char &ch : s)
            ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
        return s;
    };
    std::vector<std::pair<std::string, std::size_t>> order; // lower-case name, index
    order.reserve(names.size());
    std::set<std::string> seen;
    for (std::size_t i = 0; i < names.size(); ++i) {
        std::string key = lower(names[i].first);
        if (seen.insert(key).second)
            order.emplace_back(std::move(key), i);
    }
    std::sort(order.begin(), order.end(),
              [](const auto &a, const auto &b) { return a.first > b.first; });
    for (const auto &[key, i] : order)
        workbook_define_name(book, names[i].first.c_str(), names[i].second.c_str());
}

} // namespace

void writeInputSheets(Context &c, lxw_worksheet *inputs, lxw_worksheet *scenarios)
{
    InputsWriter writer(c, inputs, scenarios);
    writer.run();
    defineNames(c.book, writer.names());
}

} // namespace roi::xlsxmodel
