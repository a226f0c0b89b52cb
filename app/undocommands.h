// Undo commands. One generic change-value command swaps a part of the workbook (settings, price
// book, scenarios or one use case) and folds a stream of keystrokes into one command; list edits
// of use cases have their own commands.
#pragma once

#include "document.h"

#include <QUndoCommand>

namespace roi {

/// Merge ids, one per kind of value (QUndoCommand::id).
enum MergeId {
    MergeSettings = 1,
    MergePriceBook,
    MergeScenarios,
    MergeUseCase,
    MergeUncertainty,
    MergeActuals,
    MergePlanActual
};

template<typename T>
class ChangeValueCommand : public QUndoCommand
{
public:
    using Assign = void (*)(Document &, int, const T &);

    ChangeValueCommand(Document *doc, MergeId id, int index, T before, T after, const QString &text,
                       QString mergeKey, Assign assign)
        : QUndoCommand(text)
        , m_doc(doc)
        , m_id(id)
        , m_index(index)
        , m_before(std::move(before))
        , m_after(std::move(after))
        , m_mergeKey(std::move(mergeKey))
        , m_assign(assign)
    {}

    void redo() override { m_assign(*m_doc, m_index, m_after); }
    void undo() override { m_assign(*m_doc, m_index, m_before); }
    int id() const override { return m_mergeKey.isEmpty() ? -1 : m_id; }

    bool mergeWith(const QUndoCommand *other) override
    {
        const auto *o = static_cast<const ChangeValueCommand *>(other);
        if (o->m_id != m_id || o->m_index != m_index || o->m_mergeKey != m_mergeKey)
            return false;
        m_after = o->m_after;
        // Typing a value back to what it was leaves nothing to undo.
        setObsolete(m_before == m_after);
        return true;
    }

private:
    Document *m_doc;
    MergeId m_id;
    int m_index;
    T m_before;
    T m_after;
    QString m_mergeKey;
    Assign m_assign;
};

class InsertUseCaseCommand : public QUndoCommand
{
public:
    InsertUseCaseCommand(Document *doc, int index, UseCase useCase, const QString &text);
    void redo() override;
    void undo() override;

private:
    Document *m_doc;
    int m_index;
    UseCase m_useCase;
};

class RemoveUseCaseCommand : public QUndoCommand
{
public:
    RemoveUseCaseCommand(Document *doc, int index);
    void redo() override;
    void undo() override;

private:
    Document *m_doc;
    int m_index;
    UseCase m_useCase;
    std::vector<Scenario> m_scenarios; // adjustments that named the use case are removed too
};

class MoveUseCaseCommand : public QUndoCommand
{
public:
    MoveUseCaseCommand(Document *doc, int from, int to);
    void redo() override;
    void undo() override;

private:
    Document *m_doc;
    int m_from;
    int m_to;
};

} // namespace roi
