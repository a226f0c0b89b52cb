// Reading and atomically writing whole files, with size caps and clear error messages.
#pragma once

#include <QByteArray>
#include <QString>

#include <optional>

namespace roi {

/// Reads at most `maxBytes`; nullopt with a message in `error` on failure or when larger.
std::optional<QByteArray> readFileBytes(const QString &path, qint64 maxBytes, QString *error);

/// Writes through a temporary file and an atomic rename (QSaveFile). With `backup`, a previous
/// file is first copied to "<path>~" (Tiled and Qt Creator keep one the same way).
bool writeFileAtomically(const QString &path, const QByteArray &bytes, bool backup, QString *error);

} // namespace roi
