/// A catalogue of support actions, and when each is worth offering.
public struct ActionCatalogue: Sendable, Hashable {
    /// Catalogue id.
    public var id: String
    /// Catalogue version.
    public var version: String
    /// Id of the questionnaire it refers to.
    public var questionnaireID: String
    /// Title.
    public var title: LocalizedText
    /// Families, in plan order (strategy and people before operations).
    public var families: [ActionFamily]
    /// The actions.
    public var actions: [SupportAction]
    /// Who an organisation can ask for help, as the diagnostic's summary lists them.
    public var help: [HelpContact]
    /// How plans are sized and which actions count as quick wins.
    public var planRules: PlanRules

    /// Creates a catalogue.
    public init(
        id: String, version: String, questionnaireID: String, title: LocalizedText, families: [ActionFamily],
        actions: [SupportAction], help: [HelpContact] = [], planRules: PlanRules = PlanRules()
    ) {
        self.planRules = planRules
        self.id = id
        self.version = version
        self.questionnaireID = questionnaireID
        self.title = title
        self.families = families
        self.actions = actions
        self.help = help
    }

    /// The action with this id.
    public func action(_ id: String) -> SupportAction? { actions.first { $0.id == id } }
    /// The position of a family in plan order.
    public func familyRank(_ id: String) -> Int { families.firstIndex { $0.id == id } ?? families.count }
}

/// How a catalogue's plans are shaped: how many actions an organisation is shown, and which
/// actions are quick wins that never wait beyond a year (docs/recommendations.md, §3).
public struct PlanRules: Sendable, Hashable {
    /// A limit on the actions a plan shows, for some organisations.
    public struct Size: Sendable, Hashable {
        /// Typologies or families it applies to; `nil`: all.
        public var typologies: [String]?
        /// It applies only up to this population (inclusive), when given.
        public var populationAtMost: Double?
        /// The most actions shown; the others are listed as "later".
        public var atMost: Int

        /// Creates a size rule.
        public init(typologies: [String]? = nil, populationAtMost: Double? = nil, atMost: Int) {
            self.typologies = typologies
            self.populationAtMost = populationAtMost
            self.atMost = atMost
        }
    }

    /// Size rules, the first that applies wins; none: every action is shown.
    public var sizes: [Size]
    /// A quick win earns at least this many overall score points.
    public var quickWinGain: Double
    /// A quick win takes at most this many hours, when its duration is known.
    public var quickWinHours: Double

    /// The defaults: no size limit; quick wins of 5 points or more, 7 hours at most.
    public init(sizes: [Size] = [], quickWinGain: Double = 5, quickWinHours: Double = 7) {
        self.sizes = sizes
        self.quickWinGain = quickWinGain
        self.quickWinHours = quickWinHours
    }

    /// How many actions a plan shows to an organisation of `typology` and `population`; `nil`: all.
    public func size(for typology: Typology, population: Double?) -> Int? {
        sizes.first { rule in
            (rule.typologies.map { $0.contains(where: typology.matches) } ?? true)
                && (rule.populationAtMost.map { limit in population.map { $0 <= limit } ?? false } ?? true)
        }?.atMost
    }
}

/// Someone who helps organisations with the actions: an agency, a partnership, a team.
public struct HelpContact: Sendable, Hashable {
    /// Name.
    public var name: String
    /// What they offer.
    public var description: LocalizedText?
    /// Their web page (`http(s)://`).
    public var url: String?
    /// A contact address.
    public var email: String?

    /// Creates a contact.
    public init(name: String, description: LocalizedText? = nil, url: String? = nil, email: String? = nil) {
        self.name = name
        self.description = description
        self.url = url
        self.email = email
    }
}

/// A family of support actions (OD4Growth's three).
public struct ActionFamily: Sendable, Hashable, Identifiable {
    /// Id.
    public var id: String
    /// Name.
    public var label: LocalizedText
    /// What the family is for.
    public var description: LocalizedText?

    /// Creates a family.
    public init(id: String, label: LocalizedText, description: LocalizedText? = nil) {
        self.id = id
        self.label = label
        self.description = description
    }
}

/// How an action is delivered.
public enum ActionFormat: String, Sendable, Hashable, CaseIterable, Codable {
    /// A workshop.
    case workshop
    /// A kit (teaching kit, kit to convince elected officials...).
    case kit
    /// Coaching or support by an advisor.
    case coaching
    /// A funding call.
    case funding
    /// A community event (datathon, data café, forum...).
    case community
}

/// One support action.
public struct SupportAction: Sendable, Hashable, Identifiable {
    /// Id.
    public var id: String
    /// Family id.
    public var family: String
    /// How it is delivered.
    public var format: ActionFormat
    /// How long it takes the organisation, when known.
    public var durationHours: Double?
    /// Who offers it.
    public var provider: String?
    /// Title.
    public var title: LocalizedText
    /// What happens and what the organisation gets.
    public var description: LocalizedText
    /// Typologies or families it suits; `nil` means all.
    public var typologies: [String]?
    /// Actions to follow first.
    public var requiredActions: [String]
    /// A level to reach first.
    public var requiredLevel: RequiredLevel?
    /// Dimensions whose gaps it closes.
    public var dimensions: [String]
    /// Scored questions whose gaps it closes.
    public var questions: [String]
    /// It is recommended when any of these holds.
    public var triggers: [ActionTrigger]
    /// Whether it is a first step (an audit, an inventory): the plan puts it in the first months.
    public var firstStep: Bool

    /// Creates an action.
    public init(
        id: String, family: String, format: ActionFormat, durationHours: Double? = nil, provider: String? = nil,
        title: LocalizedText, description: LocalizedText, typologies: [String]? = nil, requiredActions: [String] = [],
        requiredLevel: RequiredLevel? = nil, dimensions: [String], questions: [String],
        triggers: [ActionTrigger], firstStep: Bool = false
    ) {
        self.firstStep = firstStep
        self.id = id
        self.family = family
        self.format = format
        self.durationHours = durationHours
        self.provider = provider
        self.title = title
        self.description = description
        self.typologies = typologies
        self.requiredActions = requiredActions
        self.requiredLevel = requiredLevel
        self.dimensions = dimensions
        self.questions = questions
        self.triggers = triggers
    }

    /// Whether the action suits a respondent of `typology`.
    public func suits(_ typology: Typology) -> Bool {
        typologies.map { $0.contains(where: typology.matches) } ?? true
    }
}

/// A minimum level in one dimension, before an action is worth it.
public struct RequiredLevel: Sendable, Hashable {
    /// The dimension id.
    public var dimension: String
    /// The level id.
    public var level: String

    /// Creates a required level.
    public init(dimension: String, level: String) {
        self.dimension = dimension
        self.level = level
    }
}

/// When an action is worth offering: a condition on the answers, the profile, or a dimension's level.
public indirect enum ActionTrigger: Sendable, Hashable {
    /// A test on an answer.
    case answer(question: String, test: ConditionTest)
    /// A test on a profile field.
    case profile(field: String, test: ConditionTest)
    /// A dimension's level below a level (or not scored).
    case dimensionBelow(dimension: String, level: String)
    /// A dimension's level at least a level.
    case dimensionAtLeast(dimension: String, level: String)
    /// All hold.
    case all([ActionTrigger])
    /// At least one holds.
    case any([ActionTrigger])
    /// It does not hold.
    case not(ActionTrigger)
}
