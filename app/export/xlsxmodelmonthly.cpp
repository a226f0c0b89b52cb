// One use case's monthly sheet of the XLSX formula model: every figure a formula over the
// effective inputs, in the engine's order of operations (model/engine.cpp, computeCase).
#include "xlsxmodelcore.h"

#include "xlsxformulamodel.h"

#include "enums.h"
#include "hurdle.h"

#include <cmath>

namespace roi::xlsxmodel {

namespace {

class MonthlyWriter
{
public:
    MonthlyWriter(Context &c, lxw_worksheet *ws, int u)
        : m_c(c)
        , m_ws(ws)
        , m_u(u)
        , m_uc(c.wb.useCases[static_cast<std::size_t>(u)])
        , m_r(c.res.at(u, c.scenario))
        , m_w(c, ws, c.sheetNames[static_cast<std::size_t>(u)], 6)
    {}

    void run();

private:
    E in(std::string_view section, int element, std::string_view field) const
    {
        return m_c.in(inputKey(m_u, section, element, field));
    }
    E base(std::string_view field) const { return in("baseline", -1, field); }
    E ramp(std::string_view field) const { return in("ramp", -1, field); }
    E layer(int i, std::string_view field) const { return in("layers", i, field); }
    E driver(int i, std::string_view field) const { return in("drivers", i, field); }
    const double *engine(Row row) const { return m_r.row(row).data(); }

    void header();
    void volumeRows();
    void costRows();
    void valueRows();

    Context &m_c;
    lxw_worksheet *m_ws;
    int m_u;
    const UseCase &m_uc;
    const CaseResult &m_r;
    RowWriter m_w;
    MonthlyRows m_rows;
    int m_rampFactor = -1;
    int m_priceFactor = -1;
    int m_calls = -1;
    std::vector<int> m_layerRows;
    std::vector<int> m_driverRows;
};

void MonthlyWriter::header()
{
    const int months = m_c.months;
    worksheet_set_column(m_ws, 0, 0, 54, nullptr);
    worksheet_set_column(m_ws, 1, 1, 16, nullptr);
    worksheet_set_column(m_ws, kFirstMonthCol, kFirstMonthCol + months - 1, 13, nullptr);
    writeText(m_ws, 0, 0, m_uc.name + ": monthly model", m_c.fmt.title);
    writeFormulaText(m_c, m_ws, 1, 0, "\"Scenario: \"&Scenarios!$B$3",
                     "Scenario: " + m_c.res.scenarios[static_cast<std::size_t>(m_c.scenario)],
                     m_c.fmt.note);
    writeText(m_ws, 2, 0,
              "Every figure is a formula over the Inputs sheet (effective column); cash flows "
              "at the end of each month.",
              m_c.fmt.note);
    writeText(m_ws, 3, 0, "Month of the horizon", m_c.fmt.header);
    writeText(m_ws, 3, 1, "Total / constant", m_c.fmt.header);
    // Row by row (a large model is written in libxlsxwriter's constant-memory mode).
    for (int m = 0; m < months; ++m)
        worksheet_write_number(m_ws, 3, static_cast<lxw_col_t>(kFirstMonthCol + m), m + 1,
                               m_c.fmt.monthHeader);
    writeText(m_ws, 4, 0, "Calendar month", m_c.fmt.note);
    for (int m = 0; m < months; ++m)
        writeText(m_ws, 4, kFirstMonthCol + m, m_c.wb.settings.startMonth.addMonths(m).toString(),
                  m_c.fmt.note);
    worksheet_freeze_panes(m_ws, 5, 2);
    // Printed: A3 landscape, the month header on every page.
    worksheet_set_landscape(m_ws);
    worksheet_set_paper(m_ws, 8);
    worksheet_repeat_rows(m_ws, 3, 4);
}

void MonthlyWriter::volumeRows()
{
    RowWriter &w = m_w;
    const E start = m_c.in(inputKey(-1, "settings", -1, "startMonth"));
    const E golive = m_c.in(inputKey(m_u, "ramp", -1, "goLive"));
    const E delay = ramp("goLiveDelay");
    const double goLiveValue = m_c.wb.settings.startMonth.monthsUntil(m_uc.ramp.goLive) + 1
                               + static_cast<double>(std::lround(delay.v));
    w.heading("Volume and adoption");
    const E gl = w.constant("Go-live month of the horizon (with delay)",
                            E{"(YEAR(" + golive.f + ")-YEAR(" + start.f + "))*12+MONTH(" + golive.f
                                  + ")-MONTH(" + start.f + ")+1+ROUND(" + delay.f + ",0)",
                              goLiveValue, 2},
                            m_c.fmt.monthHeader);
    const E growth = ramp("volumeGrowth");
    m_rows.units = w.next(); // the row refers to itself, the month before
    w.row(
        xlsxlabels::kUnits, m_c.fmt.number,
        [&](int m) {
            return m == 0 ? base("volume") : w.at(m_rows.units, m - 1) * (num(1) + growth);
        },
        engine(Row::Units), true);
    const E steady = ramp("steadyAdoption");
    const E months = ramp("rampMonths");
    const E curve = m_c.in(inputKey(m_u, "ramp", -1, "curve"));
    const int adoption = w.row(
        xlsxlabels::kAdoption, m_c.fmt.share,
        [&](int m) {
            const E t = w.month(m);
            const std::string x = "MIN(MAX((" + t.f + "-" + gl.f + "+1)/" + months.f + ",0),1)";
            const std::string f = "IF(" + t.f + "<" + gl.f + ",0,IF(OR(" + curve.f
                                  + "=\"immediate\"," + months.f + "<=0)," + steady.f + ","
                                  + steady.f + "*IF(" + curve.f + "=\"linear\"," + x + "," + x + "*"
                                  + x + "*(3-2*" + x + "))))";
            return E{f, 0};
        },
        engine(Row::Adoption));
    std::vector<double> rf(static_cast<std::size_t>(m_c.months));
    m_rampFactor = w.row("Ramp factor (adoption / steady adoption)", m_c.fmt.factor, [&](int m) {
        const E a = w.at(adoption, m);
        return iff(cmp(steady, ">", num(0)), a / steady, num(0));
    });
    m_rows.handled = w.row(
        xlsxlabels::kHandled, m_c.fmt.number,
        [&](int m) { return w.at(m_rows.units, m) * w.at(adoption, m); }, engine(Row::Handled),
        true);
    m_rows.outcomes = w.row(
        xlsxlabels::kOutcomes, m_c.fmt.number,
        [&](int m) { return w.at(m_rows.handled, m) * in("outcome", -1, "perUnit"); },
        engine(Row::Outcomes), true);
    m_calls = w.row(
        xlsxlabels::kCalls, m_c.fmt.number,
        [&](int m) {
            E sum = num(0);
            bool first = true;
            for (std::size_t i = 0; i < m_uc.layers.size(); ++i) {
                if (m_uc.layers[i].type != LayerType::TokenUsage)
                    continue;
                const E c = w.at(m_rows.handled, m) * layer(static_cast<int>(i), "callsPerUnit");
                sum = first ? c : sum + c;
                first = false;
            }
            return sum;
        },
        engine(Row::Calls), true);
    const E step = w.constant("Token price step a month: (1 - annual decline)^(1/12)",
                              call("POWER", {num(1) - ramp("tokenPriceDecline"), num(1) / num(12)},
                                   std::pow(1.0 - ramp("tokenPriceDecline").v, 1.0 / 12.0)),
                              m_c.fmt.factor);
    m_priceFactor = w.next();
    w.row("Token price factor (vs today)", m_c.fmt.factor,
          [&](int m) { return m == 0 ? num(1) : w.at(m_priceFactor, m - 1) * step; });
}

void MonthlyWriter::costRows()
{
    RowWriter &w = m_w;
    w.heading("Cost layers (TCO)");
    for (std::size_t li = 0; li < m_uc.layers.size(); ++li) {
        const CostLayer &l = m_uc.layers[li];
        const int i = static_cast<int>(li);
        const double *eng = m_r.layerCost(i).data();
        const std::string label = xlsxlabels::layer(l);
        int row = -1;
        switch (l.type) {
        case LayerType::TokenUsage: {
            int price = -1;
            for (std::size_t j = 0; j < m_c.wb.priceBook.size(); ++j) {
                if (m_c.wb.priceBook[j].model == l.model)
                    price = static_cast<int>(j);
            }
            E spend = num(0);
            if (price >= 0) {
                auto p = [&](std::string_view f) {
                    return in("prices", price, f);
                };
                spend = layer(i, "inputTokens") * p("input")
                        + layer(i, "outputTokens") * p("output")
                        + layer(i, "cachedInputTokens") * p("cachedInput");
            }
            const E perCall = w.constant(l.name + ": token spend per call x 1M (tokens x price)",
                                         spend, m_c.fmt.number);
            const bool levers = l.levers.anyEnabled();
            row = w.row(
                levers ? l.name + " (token usage, before levers)" : label, m_c.fmt.money,
                [&](int m) {
                    return w.at(m_rows.handled, m) * layer(i, "callsPerUnit") * perCall / num(1e6)
                           * (num(1) + layer(i, "overhead")) * w.at(m_priceFactor, m);
                },
                levers ? nullptr : eng, true);
            if (levers)
                row = writeLeverRows(m_c, w, m_u, i, row, m_rows.handled, m_priceFactor, eng);
            break;
        }
        case LayerType::FixedMonthly:
            row = w.row(
                label, m_c.fmt.money, [&](int) { return layer(i, "amount"); }, eng, true);
            break;
        case LayerType::Staff:
            row = w.row(
                label, m_c.fmt.money,
                [&](int) { return layer(i, "fte") * layer(i, "annualCost") / num(12); }, eng, true);
            break;
        case LayerType::HumanReview:
            row = w.row(
                label, m_c.fmt.money,
                [&](int m) {
                    return w.at(m_rows.handled, m) * layer(i, "share")
                           * layer(i, "minutesPerReview") * layer(i, "hourlyRate") / num(60);
                },
                eng, true);
            break;
        case LayerType::PerUnit: {
            const int basis = l.basis == UnitBasis::HandledUnit ? m_rows.handled
                              : l.basis == UnitBasis::Outcome   ? m_rows.outcomes
                                                                : m_calls;
            row = w.row(
                label, m_c.fmt.money, [&](int m) { return layer(i, "unitCost") * w.at(basis, m); },
                eng, true);
            break;
        }
        case LayerType::OneTime: {
            const E first = call("TRUNC", {layer(i, "month")}, std::trunc(layer(i, "month").v));
            const E spread = call("MAX", {num(1), call("TRUNC", {layer(i, "spreadMonths")}, 0)},
                                  std::max(1.0, std::trunc(layer(i, "spreadMonths").v)));
            row = w.row(
                label, m_c.fmt.money,
                [&](int m) {
                    const E t = w.month(m);
                    return iff(andE(cmp(t, ">=", first), cmp(t, "<", first + spread)),
                               layer(i, "amount") / spread, num(0));
                },
                eng, true);
            break;
        }
        }
        m_layerRows.push_back(row);
    }
    m_rows.cost = w.row(
        xlsxlabels::kCost, m_c.fmt.moneyBold,
        [&](int m) {
            if (m_layerRows.empty())
                return num(0);
            E sum = w.at(m_layerRows[0], m);
            for (std::size_t k = 1; k < m_layerRows.size(); ++k)
                sum = sum + w.at(m_layerRows[k], m);
            return sum;
        },
        engine(Row::Cost), true);
}

void MonthlyWriter::valueRows()
{
    RowWriter &w = m_w;
    w.heading("Value drivers (before the risk discount)");
    const E minutes = base("minutesPerUnit");
    const E rate = base("hourlyRate");
    for (std::size_t di = 0; di < m_uc.drivers.size(); ++di) {
        const ValueDriver &d = m_uc.drivers[di];
        const int i = static_cast<int>(di);
        const E share = driver(i, "shareCounted");
        auto rf = [&](int m) {
            return w.at(m_rampFactor, m);
        };
        auto handled = [&](int m) {
            return w.at(m_rows.handled, m);
        };
        std::function<E(int)> f;
        switch (d.kind) {
        case DriverKind::LaborReclaimed:
            f = [&, i](int m) {
                return (minutes - driver(i, "minutesWithAi")) / num(60) * rate * handled(m) * share;
            };
            break;
        case DriverKind::AddedCapacity:
            if (d.capacityMode == CapacityMode::PerUnit)
                f = [&, i](int m) {
                    return driver(i, "extraUnits") * driver(i, "valuePerUnit") * rf(m) * share;
                };
            else
                f = [&, i](int m) {
                    return driver(i, "hires") * driver(i, "annualCostPerHire") / num(12) * rf(m)
                           * share;
                };
            break;
        case DriverKind::RevenueUplift:
            f = [&, i](int m) {
                return handled(m) * driver(i, "conversionLift") * driver(i, "valuePerConversion")
                       * share;
            };
            break;
        case DriverKind::Retention:
            f = [&, i](int m) {
                return driver(i, "customers") * driver(i, "churnReduction")
                       * driver(i, "annualValuePerCustomer") / num(12) * rf(m) * share;
            };
            break;
        case DriverKind::NewRevenue:
            f = [&, i](int m) {
                return driver(i, "unitsSold") * (driver(i, "price") - driver(i, "costToServe"))
                       * rf(m) * share;
            };
            break;
        case DriverKind::GrossMarginGain:
            f = [&, i](int m) {
                return driver(i, "marginPoints") * driver(i, "revenueBase") * rf(m) * share;
            };
            break;
        case DriverKind::AvoidedCost:
            if (d.avoidedMode == AvoidedMode::FixedMonthly)
                f = [&, i](int m) {
                    return driver(i, "amount") * rf(m) * share;
                };
            else
                f = [&, i](int m) {
                    return driver(i, "errorReduction") * driver(i, "costPerError") * handled(m)
                           * share;
                };
            break;
        case DriverKind::SoftValue:
            f = [&, i](int m) {
                return driver(i, "moneyValue") * rf(m) * share;
            };
            break;
        }
        const std::string label = xlsxlabels::driver(d);
        m_driverRows.push_back(w.row(label, m_c.fmt.money, f, m_r.driverGross(i).data(), true));
    }

    w.heading("Benefit, net and cumulative net");
    const E risk = w.constant("Risk factor: (1 - hallucination) x (1 - override) x (1 - exposure)",
                              (num(1) - in("risk", -1, "hallucination"))
                                  * (num(1) - in("risk", -1, "humanOverride"))
                                  * (num(1) - in("risk", -1, "dataExposure")),
                              m_c.fmt.factor);
    auto cash = [&](int i) {
        const E s = driver(i, "cashableShare");
        return minE(maxE(s, num(0)), num(1));
    };
    // Sum of terms over the drivers that pass `pick`, in driver order; 0 when none.
    auto sum = [&](int m, const std::function<bool(const ValueDriver &)> &pick,
                   const std::function<E(int, const E &)> &term) {
        E out = num(0);
        bool first = true;
        for (std::size_t di = 0; di < m_uc.drivers.size(); ++di) {
            if (!pick(m_uc.drivers[di]))
                continue;
            const int i = static_cast<int>(di);
            const E t = term(i, w.at(m_driverRows[di], m));
            out = first ? t : out + t;
            first = false;
        }
        return out;
    };
    auto isHard = [](const ValueDriver &d) {
        return d.hard && d.kind != DriverKind::SoftValue;
    };
    auto isSplit = [&](const ValueDriver &d) {
        return isHard(d) && splitsCashable(d);
    };
    m_rows.hardGross = w.row(
        xlsxlabels::kHardGross, m_c.fmt.money,
        [&](int m) {
            return sum(m, isHard, [&](int i, const E &v) {
                return splitsCashable(m_uc.drivers[static_cast<std::size_t>(i)]) ? v * cash(i) : v;
            });
        },
        engine(Row::HardGross), true);
    m_rows.hardNet = w.row(
        xlsxlabels::kHardNet, m_c.fmt.money,
        [&](int m) { return w.at(m_rows.hardGross, m) * risk; }, engine(Row::HardNet), true);
    m_rows.cashable = w.row(
        xlsxlabels::kCashable, m_c.fmt.money,
        [&](int m) {
            return sum(m, isSplit, [&](int i, const E &v) { return v * cash(i) * risk; });
        },
        engine(Row::Cashable), true);
    m_rows.capacity = w.row(
        xlsxlabels::kCapacity, m_c.fmt.money,
        [&](int m) {
            return sum(m, isSplit,
                       [&](int i, const E &v) { return v * (num(1) - cash(i)) * risk; });
        },
        engine(Row::Capacity), true);
    m_rows.soft = w.row(
        xlsxlabels::kSoft, m_c.fmt.money,
        [&](int m) {
            return sum(
                m, [&](const ValueDriver &d) { return !isHard(d); },
                [](int, const E &v) { return v; });
        },
        engine(Row::Soft), true);
    const E softIn = m_c.in(inputKey(-1, "settings", -1, "softValueInHeadline"));
    const E capIn = m_c.in(inputKey(-1, "settings", -1, "capacityInHeadline"));
    m_rows.benefit = w.row(
        xlsxlabels::kBenefit, m_c.fmt.moneyBold,
        [&](int m) {
            return w.at(m_rows.hardNet, m) + iff(softIn, w.at(m_rows.soft, m), num(0))
                   + iff(capIn, w.at(m_rows.capacity, m), num(0));
        },
        engine(Row::Benefit), true);
    m_rows.net = w.row(
        xlsxlabels::kNet, m_c.fmt.moneyBold,
        [&](int m) { return w.at(m_rows.benefit, m) - w.at(m_rows.cost, m); }, engine(Row::Net),
        true);
    m_rows.cumulative = w.next();
    w.row(
        xlsxlabels::kCumulative, m_c.fmt.money,
        [&](int m) {
            return m == 0 ? w.at(m_rows.net, 0)
                          : w.at(m_rows.cumulative, m - 1) + w.at(m_rows.net, m);
        },
        engine(Row::CumulativeNet));
    m_rows.negative =
        w.row("Month ending below zero (for the payback)", m_c.fmt.monthHeader, [&](int m) {
            return iff(cmp(w.at(m_rows.cumulative, m), "<", num(0)), w.month(m), num(0));
        });
}

void MonthlyWriter::run()
{
    header();
    volumeRows();
    costRows();
    valueRows();
    m_c.rows[static_cast<std::size_t>(m_u)] = m_rows;
}

} // namespace

void writeMonthlySheet(Context &c, lxw_worksheet *ws, int useCase)
{
    MonthlyWriter(c, ws, useCase).run();
}

} // namespace roi::xlsxmodel

namespace roi::xlsxlabels {

std::string layer(const CostLayer &l)
{
    return l.name + " (" + std::string(enumLabel(l.type)) + ")";
}

std::string driver(const ValueDriver &d)
{
    const bool hard = d.hard && d.kind != DriverKind::SoftValue;
    return d.name + " (" + std::string(enumLabel(d.kind)) + (hard ? ", hard" : ", soft") + ")";
}

} // namespace roi::xlsxlabels
