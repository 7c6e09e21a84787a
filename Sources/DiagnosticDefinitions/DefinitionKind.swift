import Foundation
import Yams

/// What a definition file holds, so `od4g validate` knows how to check it.
public enum DefinitionKind: String, Sendable {
    /// A questionnaire (maturity model).
    case questionnaire
    /// A filled-in response.
    case response
    /// A support-action catalogue.
    case supportActions = "support-actions"
    /// Names for a profile field's codes (départements...).
    case valueNames = "value-names"
    /// How `od4g simulate` draws organisations for a questionnaire.
    case simulation

    /// The kind a file declares with `kind:`, or that its keys suggest; a questionnaire when unsure,
    /// so that unreadable files get the questionnaire checks and their syntax errors.
    public static func detect(path: String) -> DefinitionKind {
        // Read as the loaders read (a device or a pipe is not read for ever), and composed only
        // within the bounds they check (an alias bomb is reported by the questionnaire loader).
        guard case .success(let data) = SourceFile.read(path, limit: SourceFile.definitionLimit),
            let text = String(data: data, encoding: .utf8), YAMLBudget.check(text) == nil,
            let root = try? Yams.compose(yaml: text), case .mapping(let mapping) = root
        else { return .questionnaire }
        if let kind = mapping["kind"]?.scalarText, let declared = DefinitionKind(rawValue: kind) { return declared }
        if mapping["questions"] != nil { return .questionnaire }
        if mapping["actions"] != nil { return .supportActions }
        if mapping["names"] != nil { return .valueNames }
        if mapping["answers"] != nil || mapping["respondent"] != nil { return .response }
        return .questionnaire
    }
}
