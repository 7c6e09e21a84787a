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
