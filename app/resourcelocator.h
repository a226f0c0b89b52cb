// Finds the data files that ship with roi-workbench (the example workbooks, the default price
// book) in an installed tree, a relocated archive, a macOS bundle and a build tree alike.
#pragma once

#include <QString>
#include <QStringList>

namespace roi {

/// The environment variable that overrides the data directory: when set and not empty, the
/// examples are read from "$ROI_WORKBENCH_DATA_DIR/examples" and nowhere else.
inline constexpr char kDataDirEnvVar[] = "ROI_WORKBENCH_DATA_DIR";

/// The directories searched for the examples of an executable in `applicationDir`, best first:
/// the override, then `../share/roi-workbench/examples` (installed tree or unpacked archive),
/// `../Resources/examples` (macOS bundle), the source tree's resources/examples when the
/// executable lives in the build tree, and `roi-workbench/examples` under the XDG data dirs.
QStringList examplesSearchPath(const QString &applicationDir);

/// The first directory of examplesSearchPath(applicationDir) that exists, as an absolute clean
/// path; empty when none does.
QString examplesDirectory(const QString &applicationDir);

/// examplesDirectory() for this executable (QCoreApplication::applicationDirPath()).
QString examplesDirectory();

/// The absolute paths of the example workbooks (*.roiwb) in examplesDirectory(), sorted by
/// file name; empty when there is no examples directory.
QStringList exampleFiles();

/// The default price book (pricebook.json) beside the examples, searched in the same places;
/// empty when there is none.
QString defaultPriceBookFile(const QString &applicationDir);
QString defaultPriceBookFile();

/// The workbook templates (*.roiwb) of File > New from Template, sorted by file name: the
/// "templates" directory found like the examples directory (same places, same override).
QStringList templateFiles();
QString templatesDirectory(const QString &applicationDir);

} // namespace roi
