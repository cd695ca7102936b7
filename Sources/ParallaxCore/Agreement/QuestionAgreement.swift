/// Agreement on one question: its units' figures, with the question and its scale for labels.
public struct QuestionAgreement: Codable, Equatable, Sendable {
    /// The question, with its scale.
    public var question: Question
    /// Units, pairable values, alpha and (for two coders) kappa over the question's units.
    public var figures: AgreementFigures

    /// Creates a question's entry.
    public init(question: Question, figures: AgreementFigures) {
        self.question = question; self.figures = figures
    }
}
