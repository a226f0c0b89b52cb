// Snapshots of the approved case as undoable edits: take one (freeze a scenario's forecast),
// rename one, delete one. Each is one command on the Document's undo stack.
#pragma once

#include "snapshots/snapshot.h"

#include <QDate>
#include <QString>
#include <QUndoCommand>

#include <vector>

namespace roi {

class Document;

/// Replaces the workbook's snapshot list; redo/undo swap the lists.
class SetSnapshotsCommand : public QUndoCommand
{
public:
    SetSnapshotsCommand(Document *doc, std::vector<Snapshot> before, std::vector<Snapshot> after,
                        const QString &text);
    void redo() override;
    void undo() override;

private:
    Document *m_doc;
    std::vector<Snapshot> m_before;
    std::vector<Snapshot> m_after;
};

/// Freezes scenario `scenario` (index into the document's results) as a new snapshot. False with
/// `error` set (and nothing changed) when the label is empty or taken, the scenario does not
/// exist or the workbook already holds the most snapshots a file allows.
bool takeSnapshot(Document *doc, int scenario, const QString &label, const QString &takenBy,
                  QDate takenOn, QString *error);
/// Renames snapshot `index`; false with `error` when the name is empty or taken.
bool renameSnapshot(Document *doc, int index, const QString &label, QString *error);
/// Deletes snapshot `index`; false when there is no such snapshot.
bool deleteSnapshot(Document *doc, int index);

} // namespace roi
