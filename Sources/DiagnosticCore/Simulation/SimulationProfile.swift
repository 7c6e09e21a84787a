import Foundation

/// What `Simulator` draws organisations from: which typologies and how many of each, in which
/// départements, their sizes, their maturity, who answers for them. Read from a simulation file
/// beside the questionnaire (`Questionnaires/od4growth-simulation.yaml`, format in
/// docs/simulation.md); without one, `generic`.
public struct SimulationProfile: Sendable, Hashable {
    /// Organisations every simulation starts with, in this order (the regional council, then one
    /// council per département).
    public var fixed: [Fixed]
    /// The typologies drawn after them, with their shares (relative weights).
    public var mix: [Share]
    /// The départements organisations are drawn in, with their weights; none: no département.
    public var departements: [Share]
    /// Population and staff, by typology id.
    public var sizes: [String: SizeModel]
    /// The size of a typology `sizes` does not list.
    public var defaultSize: SizeModel
    /// How mature a typology's organisations start (0–1 latent scale, before size), by typology id.
    public var maturity: [String: Double]
    /// The start of a typology `maturity` does not list.
    public var defaultMaturity: Double
    /// The roles respondents take, by typology family, drawn without repetition within an organisation.
    public var roles: [String: [String]]
    /// The roles of a family `roles` does not list.
    public var defaultRoles: [String]
    /// The share of organisations that answer with two respondents.
    public var secondRespondentShare: Double
    /// Families whose organisations always answer alone (communes).
    public var singleRespondentFamilies: [String]
    /// Sections of unscored questions whose options less mature organisations choose more (problems met).
    public var inverseSections: [String]

    /// An organisation every simulation has.
    public struct Fixed: Sendable, Hashable {
        /// Its typology id.
        public var typology: String
        /// Its département; `nil`: one such organisation in each département of `departements`.
        public var departement: String?

        /// Creates a fixed organisation.
        public init(typology: String, departement: String?) {
            self.typology = typology
            self.departement = departement
        }
    }

    /// An item with its weight in a draw.
    public struct Share: Sendable, Hashable {
        /// Typology id or département code.
        public var id: String
        /// Relative weight.
        public var weight: Double

        /// Creates a share.
        public init(_ id: String, _ weight: Double) {
            self.id = id
            self.weight = weight
        }
    }

    /// A quantity drawn log-normally around `median`, kept within `minimum...maximum`.
    public struct LogNormal: Sendable, Hashable {
        /// Typical value.
        public var median: Double
        /// Standard deviation of its logarithm.
        public var spread: Double
        /// Lowest value.
        public var minimum: Double
        /// Highest value.
        public var maximum: Double

        /// Creates a distribution.
        public init(median: Double, spread: Double, minimum: Double, maximum: Double) {
            self.median = median
            self.spread = spread
            self.minimum = minimum
            self.maximum = maximum
        }

        func draw(_ random: inout SplitMix64) -> Double {
            min(maximum, max(minimum, median * exp(random.normal(deviation: spread))))
        }
    }

    /// How big a typology's organisations are.
    public struct SizeModel: Sendable, Hashable {
        /// Inhabitants: none (an agency), a fixed figure (the region) or drawn.
        public var population: Population
        /// Staff: one agent per so many inhabitants (at least one), or drawn.
        public var agents: Agents

        /// Inhabitants.
        public enum Population: Sendable, Hashable {
            case none
            case fixed(Int)
            case drawn(LogNormal)
        }

        /// Staff.
        public enum Agents: Sendable, Hashable {
            case perInhabitants(Double)
            case drawn(LogNormal)
        }

        /// Creates a size model.
        public init(population: Population, agents: Agents) {
            self.population = population
            self.agents = agents
        }

        /// Population then agents, drawn in this order.
        func draw(_ random: inout SplitMix64) -> (population: Int?, agents: Int) {
            var inhabitants: Double?
            switch population {
            case .none: inhabitants = nil
            case .fixed(let figure): inhabitants = Double(figure)
            case .drawn(let law): inhabitants = law.draw(&random)
            }
            let staff: Int
            switch agents {
            case .perInhabitants(let ratio): staff = max(1, Self.whole((inhabitants ?? 0) / ratio))
            case .drawn(let law): staff = Self.whole(law.draw(&random))
            }
            return (inhabitants.map(Self.whole), staff)
        }

        /// `value` as a whole number (towards zero), at most 2^53 − 1 (what a response may hold).
        static func whole(_ value: Double) -> Int {
            value.isFinite ? Int(min(max(value, 0), ResponseChecker.largestNumber)) : Int(ResponseChecker.largestNumber)
        }
    }

    /// Creates a profile.
    public init(
        fixed: [Fixed] = [], mix: [Share] = [], departements: [Share] = [], sizes: [String: SizeModel] = [:],
        defaultSize: SizeModel = SimulationProfile.generic.defaultSize, maturity: [String: Double] = [:],
        defaultMaturity: Double = 0.25, roles: [String: [String]] = [:], defaultRoles: [String] = [],
        secondRespondentShare: Double = 0, singleRespondentFamilies: [String] = [], inverseSections: [String] = []
    ) {
        self.fixed = fixed
        self.mix = mix
        self.departements = departements
        self.sizes = sizes
        self.defaultSize = defaultSize
        self.maturity = maturity
        self.defaultMaturity = defaultMaturity
        self.roles = roles
        self.defaultRoles = defaultRoles
        self.secondRespondentShare = secondRespondentShare
        self.singleRespondentFamilies = singleRespondentFamilies
        self.inverseSections = inverseSections
    }

    /// For a questionnaire without a simulation file: every typology alike, no département, no
    /// population, some sixty agents, one respondent each.
    public static let generic = SimulationProfile(
        defaultSizeModel: SizeModel(
            population: .none, agents: .drawn(LogNormal(median: 60, spread: 0.9, minimum: 5, maximum: 800))))

    private init(defaultSizeModel: SizeModel) {
        self.init(
            fixed: [], mix: [], departements: [], sizes: [:], defaultSize: defaultSizeModel, maturity: [:],
            defaultMaturity: 0.25, roles: [:], defaultRoles: [], secondRespondentShare: 0, singleRespondentFamilies: [],
            inverseSections: [])
    }
}
