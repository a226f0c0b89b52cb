// Snapshots of the approved case as undoable edits (see snapshotcommands.h).
#include "snapshotcommands.h"

#include "document.h"
#include "snapshots/snapshotjson.h"

#include <QUndoStack>

namespace roi {

namespace {

bool labelTaken(const std::vector<Snapshot> &list, const std::string &label, int except)
{
    for (std::size_t i = 0; i < list.size(); ++i) {
        if (static_cast<int>(i) != except && list[i].label == label)
            return true;
    }
    return false;
}

bool checkLabel(const std::vector<Snapshot> &list, const QString &label, int except, QString *error)
{
    const QString trimmed = label.trimmed();
    if (trimmed.isEmpty()) {
        if (error)
            *error = QObject::tr("A snapshot needs a label.");
        return false;
    }
    if (labelTaken(list, trimmed.toStdString(), except)) {
        if (error)
            *error = QObject::tr("A snapshot named \"%1\" already exists.").arg(trimmed);
        return false;
    }
    return true;
}

} // namespace

SetSnapshotsCommand::SetSnapshotsCommand(Document *doc, std::vector<Snapshot> before,
                                         std::vector<Snapshot> after, const QString &text)
    : QUndoCommand(text)
    , m_doc(doc)
    , m_before(std::move(before))
    , m_after(std::move(after))
{}

void SetSnapshotsCommand::redo()
{
    m_doc->assignSnapshots(m_after);
}

void SetSnapshotsCommand::undo()
{
    m_doc->assignSnapshots(m_before);
}

bool takeSnapshot(Document *doc, int scenario, const QString &label, const QString &takenBy,
                  QDate takenOn, QString *error)
{
    const Workbook &wb = doc->workbook();
    if (!checkLabel(wb.snapshots, label, -1, error))
        return false;
    if (wb.snapshots.size() >= limits::kMaxSnapshots) {
        if (error)
            *error = QObject::tr("A workbook keeps at most %1 snapshots; delete one first.")
                         .arg(limits::kMaxSnapshots);
        return false;
    }
    const Results &res = doc->results();
    if (scenario < 0 || static_cast<std::size_t>(scenario) >= res.scenarios.size()) {
        if (error)
            *error = QObject::tr("There is no such scenario to snapshot.");
        return false;
    }
    std::vector<Snapshot> after = wb.snapshots;
    after.push_back(roi::takeSnapshot(wb, res, scenario, label.trimmed().toStdString(),
                                      takenBy.trimmed().toStdString(),
                                      {takenOn.year(), takenOn.month(), takenOn.day()}));
    doc->undoStack()->push(new SetSnapshotsCommand(
        doc, wb.snapshots, std::move(after), QObject::tr("Snapshot \"%1\"").arg(label.trimmed())));
    return true;
}

bool renameSnapshot(Document *doc, int index, const QString &label, QString *error)
{
    const std::vector<Snapshot> &list = doc->workbook().snapshots;
    if (index < 0 || static_cast<std::size_t>(index) >= list.size())
        return false;
    if (list[static_cast<std::size_t>(index)].label == label.trimmed().toStdString())
        return true; // nothing to do
    if (!checkLabel(list, label, index, error))
        return false;
    std::vector<Snapshot> after = list;
    const std::string from = after[static_cast<std::size_t>(index)].label;
    after[static_cast<std::size_t>(index)].label = label.trimmed().toStdString();
    const QString text = QObject::tr("Rename snapshot to \"%1\"").arg(label.trimmed());
    // The plan-vs-actual basis follows the rename, in the same step.
    PlanActualSettings planActual = doc->workbook().planActual;
    const bool basis = planActual.renameSnapshot(from, label.trimmed().toStdString());
    if (basis)
        doc->undoStack()->beginMacro(text);
    doc->undoStack()->push(new SetSnapshotsCommand(doc, list, std::move(after), text));
    if (basis) {
        doc->setPlanActual(planActual, text);
        doc->undoStack()->endMacro();
    }
    return true;
}

bool deleteSnapshot(Document *doc, int index)
{
    const std::vector<Snapshot> &list = doc->workbook().snapshots;
    if (index < 0 || static_cast<std::size_t>(index) >= list.size())
        return false;
    std::vector<Snapshot> after = list;
    const QString label = QString::fromStdString(after[static_cast<std::size_t>(index)].label);
    after.erase(after.begin() + index);
    const QString text = QObject::tr("Delete snapshot \"%1\"").arg(label);
    // A deleted basis falls back to the latest snapshot, in the same step.
    PlanActualSettings planActual = doc->workbook().planActual;
    const bool basis = planActual.forgetSnapshot(label.toStdString());
    if (basis)
        doc->undoStack()->beginMacro(text);
    doc->undoStack()->push(new SetSnapshotsCommand(doc, list, std::move(after), text));
    if (basis) {
        doc->setPlanActual(planActual, text);
        doc->undoStack()->endMacro();
    }
    return true;
}

} // namespace roi
