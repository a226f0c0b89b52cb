#include "undocommands.h"

#include <QCoreApplication>

namespace roi {

InsertUseCaseCommand::InsertUseCaseCommand(Document *doc, int index, UseCase useCase,
                                           const QString &text)
    : QUndoCommand(text)
    , m_doc(doc)
    , m_index(index)
    , m_useCase(std::move(useCase))
{}

void InsertUseCaseCommand::redo()
{
    m_doc->insertUseCaseNow(m_index, m_useCase);
}

void InsertUseCaseCommand::undo()
{
    m_doc->removeUseCaseNow(m_index);
}

RemoveUseCaseCommand::RemoveUseCaseCommand(Document *doc, int index)
    : m_doc(doc)
    , m_index(index)
    , m_useCase(doc->workbook().useCases.at(static_cast<std::size_t>(index)))
    , m_scenarios(doc->workbook().scenarios)
{
    setText(QCoreApplication::translate("roi", "Delete use case “%1”")
                .arg(QString::fromStdString(m_useCase.name)));
}

void RemoveUseCaseCommand::redo()
{
    // Scenario adjustments scoped to the deleted use case would name nothing; drop them.
    std::vector<Scenario> scenarios = m_scenarios;
    bool touched = false;
    for (Scenario &s : scenarios) {
        const auto before = s.adjustments.size();
        std::erase_if(s.adjustments,
                      [&](const Adjustment &a) { return a.useCase == m_useCase.name; });
        touched = touched || before != s.adjustments.size();
    }
    m_doc->removeUseCaseNow(m_index);
    if (touched)
        m_doc->assignScenarios(scenarios);
}

void RemoveUseCaseCommand::undo()
{
    m_doc->insertUseCaseNow(m_index, m_useCase);
    if (m_doc->workbook().scenarios != m_scenarios)
        m_doc->assignScenarios(m_scenarios);
}

MoveUseCaseCommand::MoveUseCaseCommand(Document *doc, int from, int to)
    : m_doc(doc)
    , m_from(from)
    , m_to(to)
{
    setText(QCoreApplication::translate("roi", "Move use case “%1”")
                .arg(QString::fromStdString(
                    doc->workbook().useCases.at(static_cast<std::size_t>(from)).name)));
}

void MoveUseCaseCommand::redo()
{
    m_doc->moveUseCaseNow(m_from, m_to);
}

void MoveUseCaseCommand::undo()
{
    m_doc->moveUseCaseNow(m_to, m_from);
}

} // namespace roi
