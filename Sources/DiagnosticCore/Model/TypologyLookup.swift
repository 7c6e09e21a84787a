/// A typology as a person names it: its id in any case, or its label in any language (accents,
/// case and spaces ignored); a family with one typology stands for it. A family of several, or a
/// slip of the keyboard, is explained instead.
public enum TypologyLookup: Sendable, Hashable {
    /// The typology meant.
    case found(Typology)
    /// A family of several typologies: which ones to choose from.
    case family(TypologyFamily, members: [Typology])
    /// Nothing matches; the closest id when one is near.
    case unknown(suggestion: String?)
}

extension Questionnaire {
    /// The typology `text` names (see `TypologyLookup`).
    public func findTypology(_ text: String) -> TypologyLookup {
        let wanted = RespondentIdentity.normalised(text.trimmed)
        if let exact = typology(text) ?? typologies.first(where: { RespondentIdentity.normalised($0.id) == wanted }) {
            return .found(exact)
        }
        if let labelled = typologies.first(where: {
            $0.label.translations.values.contains { RespondentIdentity.normalised($0) == wanted }
        }) {
            return .found(labelled)
        }
        if let family = typologyFamilies.first(where: {
            RespondentIdentity.normalised($0.id) == wanted
                || $0.label.translations.values.contains { RespondentIdentity.normalised($0) == wanted }
        }) {
            let members = typologies.filter { $0.family == family.id }
            if members.count == 1, let only = members.first { return .found(only) }
            return .family(family, members: members)
        }
        return .unknown(suggestion: ResponseChecker.closest(to: wanted, among: typologies.map(\.id)))
    }
}
