// The shared engine loop of sensitivity and goal seek: one named input varied on a scratch copy
// of the workbook, the engine rerun on one scenario with its buffers reused, and the metric read
// back for a use case or the portfolio. No Qt.
#pragma once

#include "engine.h"
#include "inputs.h"
#include "results.h"
#include "workbook.h"

#include <optional>
#include <string>
#include <vector>

namespace roi {

/// A named input of a workbook. Settings and price-book entries are shared by every use case, so
/// they have no use case (-1). A use-case input names its use case; with useCase = -1 it means
/// the input of every use case that has it (set to one value in all of them).
struct VariedInput
{
    int useCase = -1;
    InputPath path;

    /// Settings and prices: one value for the whole workbook.
    bool shared() const
    {
        return path.section == InputSection::Settings || path.section == InputSection::Prices;
    }
    friend bool operator==(const VariedInput &, const VariedInput &) = default;
};

/// "Support assistant · baseline.volume", or the bare path for shared and all-use-case inputs.
std::string inputLabel(const Workbook &wb, const VariedInput &input);

/// Resolves `name` (a named input, inputs.h) for `useCase` (-1: every use case). Fails, saying
/// why in `error`, when the name does not parse, selects several inputs ([*]), or selects none
/// in the workbook.
std::optional<VariedInput> resolveInput(const Workbook &wb, int useCase, std::string_view name,
                                        std::string *error = nullptr);

/// The value of the input as stored (for every use case: in the first that has it).
std::optional<double> storedValue(const Workbook &wb, const VariedInput &input);

/// The value the input takes under a scenario: the stored value with the scenario's adjustments
/// for that use case applied (clamped as the engine clamps). nullopt when the input is absent.
std::optional<double> valueUnderScenario(const Workbook &wb, const VariedInput &input,
                                         const Scenario &scenario);

/// What a scenario makes of one use case (or, for shared inputs, of the price book and
/// settings): copies with the scenario's adjustments applied, as valueUnderScenario applies them.
/// Built once, it answers valueUnderScenario for every input of that use case.
struct ScenarioCopy
{
    UseCase useCase;
    std::vector<PriceEntry> prices;
    Settings settings;
};
/// `useCase` -1: the shared inputs' copy (no use case).
ScenarioCopy scenarioCopy(const Workbook &wb, int useCase, const Scenario &scenario);
/// valueUnderScenario from a copy built for the input's use case (or for -1 when shared).
std::optional<double> valueInCopy(const ScenarioCopy &copy, const VariedInput &input);

/// Sets the stored value of the input (clamped to its legal range); false when absent.
bool setStoredValue(Workbook &wb, const VariedInput &input, double value);

/// What a sensitivity or goal-seek run looks at.
struct ProbeTarget
{
    int useCase = -1; // -1: the portfolio
    int scenario = 0; // index into the workbook's scenarios (0 when it has none)
};

/// Reruns the engine on a scratch copy holding one scenario (and, for one use case, only that
/// use case), with the checks off and the result buffers reused.
///
/// For the portfolio of several use cases, an input of one use case (while no other input is
/// off its stored value) is evaluated incrementally: that use case alone is recomputed (a use
/// case's result does not depend on the others) and the portfolio's figures are added up again
/// from it and the other cases' results of one stored full compute, in use-case order, as the
/// engine adds them, so every double is the one a full recompute gives. Before it is trusted,
/// the re-aggregation is checked once against the engine's own portfolio of the stored compute
/// (bit for bit); should it ever differ, every evaluation recomputes the whole workbook.
/// Shared inputs (settings, prices) and inputs of every use case always recompute it all.
class ModelProbe
{
public:
    ModelProbe(const Workbook &wb, const ProbeTarget &target);

    /// The scratch workbook's view of an input of the original workbook (use case indices
    /// differ when the scratch copy holds one use case).
    const Workbook &original() const { return m_original; }

    /// Sets the input to `value` on the scratch copy and recomputes; the result of the target.
    const CaseResult &evaluateAt(const VariedInput &input, double value);
    /// The result with every input as stored.
    const CaseResult &evaluateBase();
    /// Puts the scratch copy's input back to its stored value.
    void restore(const VariedInput &input);
    int evaluations() const { return m_evaluations; }
    /// Use cases recomputed so far (a full recompute counts them all).
    long long casesComputed() const { return m_casesComputed; }

    /// false: every evaluation recomputes the whole scratch workbook (the reference path the
    /// incremental one is tested against). On by default.
    void setIncremental(bool on) { m_incremental = on; }

private:
    VariedInput toScratch(const VariedInput &input) const;
    const CaseResult &run();
    /// The stored full compute and the check of the re-aggregation; false when not usable.
    bool prepareIncremental();
    const CaseResult &runOneCase(int useCase);
    /// Adds the portfolio up from the stored cases, `changed` (of use case `useCase`) instead
    /// of the stored one, into `out` (shaped as the engine's lean portfolio).
    void aggregate(int useCase, const CaseResult *changed, CaseResult &out);

    const Workbook &m_original;
    ProbeTarget m_target;
    Workbook m_scratch;
    Results m_results;
    ComputeOptions m_options;
    int m_evaluations = 0;
    long long m_casesComputed = 0;

    // Incremental portfolio evaluation (see the class comment).
    bool m_incremental = true;
    enum class Incremental { Unknown, Ready, Unusable } m_state = Incremental::Unknown;
    std::vector<char> m_dirty; // use cases of the scratch copy off their stored values
    bool m_sharedDirty = false;
    bool m_resultsStored = false; // m_results holds a full compute of the workbook as stored
    double m_discountRate = 0;    // the scenario's, as the engine adjusts it
    Results m_stored;             // a full compute of the workbook as stored
    Workbook m_single;            // the scenario, settings, prices and one use case
    Results m_singleResults;
    CaseResult m_portfolio; // the re-aggregated portfolio
    // Sums of the stored cases before each use case (prefix[u]: cases 0..u-1, in order), so a
    // re-aggregation starts at the changed case: the same additions in the same order.
    std::vector<double> m_prefixNet; // [useCase][month]
    std::vector<Kpis> m_prefixKpis;
};

} // namespace roi
