/// An organisation invited to answer a campaign on the web, as the advisor's list gives it.
public struct Invitation: Sendable, Hashable {
    /// Organisation name.
    public var organisation: String
    /// Official code (SIREN), when known.
    public var code: String?
    /// Typology id.
    public var typology: String
    /// Inhabitants.
    public var population: Double?
    /// Staff.
    public var agents: Double?
    /// Département code.
    public var departement: String?
    /// Where the link is sent.
    public var email: String?

    /// The invitation as profile values by profile field id (`organisation`, `code`, `typology`,
    /// `population`, `agents`, `departement`, `email`), numbers as a response file writes them.
    public var profileTexts: [String: String] {
        let values: [String: String?] = [
            "organisation": organisation, "code": code, "typology": typology,
            "population": population.map { NumberText.format($0, decimals: 6) },
            "agents": agents.map { NumberText.format($0, decimals: 6) }, "departement": departement, "email": email,
        ]
        return values.compactMapValues { $0 }
    }

    /// Creates an invitation.
    public init(
        organisation: String, code: String? = nil, typology: String, population: Double? = nil, agents: Double? = nil,
        departement: String? = nil, email: String? = nil
    ) {
        self.organisation = organisation
        self.code = code
        self.typology = typology
        self.population = population
        self.agents = agents
        self.departement = departement
        self.email = email
    }
}
