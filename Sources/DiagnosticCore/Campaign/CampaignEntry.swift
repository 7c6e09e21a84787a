/// One respondent of a campaign, as aggregation and comparison see it: who, and what they scored.
public struct CampaignEntry: Sendable, Hashable {
    /// Stable key of the organisation across campaigns (official code, else name and typology).
    public var organisationKey: String
    /// Name of the organisation.
    public var organisationName: String
    /// Official code (SIREN, INSEE), when given.
    public var organisationCode: String?
    /// Typology id.
    public var typology: String
    /// Département, when given.
    public var departement: String?
    /// Key of the respondent within the organisation (e-mail, name, role, or empty).
    public var respondentKey: String
    /// Respondent's role, when given.
    public var role: String?
    /// The scored results.
    public var result: RespondentResult

    /// Creates an entry.
    public init(
        organisationKey: String, organisationName: String, organisationCode: String? = nil, typology: String,
        departement: String?, respondentKey: String, role: String?, result: RespondentResult
    ) {
        self.organisationKey = organisationKey
        self.organisationName = organisationName
        self.organisationCode = organisationCode
        self.typology = typology
        self.departement = departement
        self.respondentKey = respondentKey
        self.role = role
        self.result = result
    }
}
