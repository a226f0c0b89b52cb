// Every numeric lever input, described once (key, label, unit, range, help) like the fields of
// inputs.h, so the file reader, the forms and named inputs treat lever inputs like any other.
// As a named input a lever field is `layers["Model"].levers.routing.share` (lever key, then the
// field) or `layers["Model"].levers.baselineMonth` for the layer-wide field.
#pragma once

#include "inputs.h"
#include "levers.h"

#include <span>
#include <string>
#include <string_view>

namespace roi {

struct LeverField
{
    LeverKind lever; // LeverKind::Count: a field of the layer's levers as a whole
    FieldInfo info;  // info.key is the field within the lever, e.g. "hitRate"
    double *(*slot)(LayerLevers &);

    double read(const LayerLevers &l) const { return *slot(const_cast<LayerLevers &>(l)); }
    /// "semanticCache.hitRate", or "baselineMonth" for a layer-wide field.
    std::string path() const;
};

/// The prefix of lever fields in a layer's named inputs: `layers[...].levers.<path>`.
inline constexpr std::string_view kLeverInputPrefix = "levers.";

std::span<const LeverField> leverFields();
/// The fields of one lever (plan fields first), or the layer-wide ones for LeverKind::Count.
std::span<const LeverField> leverFields(LeverKind kind);
/// Finds a field by its path ("routing.share", "baselineMonth"); nullptr when unknown.
const LeverField *findLeverField(std::string_view path);

} // namespace roi
