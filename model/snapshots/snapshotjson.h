// Snapshots in the .roiwb file (format version 3, "snapshots" at the root): writing, reading with
// JSON-path errors, and the migration step from version 2.
#pragma once

#include "snapshot.h"

#include <nlohmann/json.hpp>

#include <cstddef>
#include <functional>
#include <string>
#include <vector>

namespace roi {

namespace limits {
inline constexpr std::size_t kMaxSnapshots = 100;
inline constexpr std::size_t kMaxSnapshotMonths = 120;
} // namespace limits

using SnapshotError = std::function<void(const std::string &path, const std::string &message)>;

nlohmann::ordered_json snapshotsToJson(const std::vector<Snapshot> &snapshots);

/// Reads the "snapshots" array at JSON pointer `path`; problems go to `error`, unknown keys to
/// `unknown`.
void readSnapshots(const nlohmann::ordered_json &j, const std::string &path,
                   std::vector<Snapshot> &snapshots, const SnapshotError &error,
                   const std::function<void(const std::string &)> &unknown);

/// Version 2 -> 3 (snapshots): a version-2 file has none; an empty list is written out.
void migrateSnapshotsToV3(nlohmann::ordered_json &root);

} // namespace roi
