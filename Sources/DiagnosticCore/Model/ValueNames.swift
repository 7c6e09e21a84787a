/// Names for the codes a profile field holds: French département numbers and their names, or any
/// other country's areas, read from a data file so that the questionnaire is not tied to France.
public struct ValueNames: Sendable, Hashable {
    /// The file's id (`fr-departements`), as a profile field's `names` key gives it.
    public var id: String
    /// What the names are.
    public var title: LocalizedText
    /// The name of each code.
    public var names: [String: String]

    /// Creates a set of names.
    public init(id: String, title: LocalizedText, names: [String: String]) {
        self.id = id
        self.title = title
        self.names = names
    }
}

extension Questionnaire {
    /// A département code as reports show it: "Moselle (57)" when the `departement` field's names
    /// file gives it a name, the code alone otherwise.
    public func departementName(_ code: String) -> String {
        profileField("departement")?.named(code) ?? code
    }

    /// The questionnaire with the names of the codes of each profile field that declares a names file.
    public func attaching(_ names: [ValueNames]) -> Questionnaire {
        var copy = self
        copy.profileFields = profileFields.map { field in
            var field = field
            if let id = field.namesID, let found = names.first(where: { $0.id == id }) { field.valueNames = found.names }
            return field
        }
        return copy
    }
}
