import Foundation

/// Deterministic, realistic synthetic responses for a region's mix of typologies.
///
/// Many communes, fewer EPCI, a handful of départements, parks and agencies; maturity grows with
/// size; some organisations answer with two services. The same questionnaire, seed and count
/// always give the same rows. Organisations are fictional ("… simulée n° 42", codes `SIM…`).
public struct Simulator: Sendable {
    /// The questionnaire answered.
    public let questionnaire: Questionnaire
    /// The seed: the same seed gives the same organisations.
    public let seed: UInt64
    /// The campaign wave: later waves answer for the same organisations, a little more mature.
    public let wave: Int

    /// Share of each typology in a Grand Est-like region (ids absent from the questionnaire are
    /// skipped). The region and its départements are not drawn: there is one regional council and
    /// one council per département (`fixed`).
    static let mix: [(typology: String, weight: Double)] = [
        ("commune", 0.80), ("cc", 0.09), ("ca", 0.025), ("cu", 0.008), ("metropole", 0.007), ("pnr", 0.025),
        ("agence", 0.03),
    ]

    /// The first organisations of every simulation: the regional council, then the council of each
    /// département, in `departements` order (those the questionnaire has typologies for).
    var fixed: [(typology: Typology, departement: String)] {
        // The regional council sits in Strasbourg (Bas-Rhin).
        let region = questionnaire.typology("region").map { [($0, "67")] } ?? []
        let councils = questionnaire.typology("departement").map { council in Self.departements.map { (council, $0.code) } } ?? []
        return region + councils
    }
    /// The départements of Grand Est with a rough weight (number of communes).
    static let departements: [(code: String, weight: Double)] = [
        ("08", 449), ("10", 431), ("51", 613), ("52", 426), ("54", 591), ("55", 499), ("57", 725), ("67", 514),
        ("68", 366), ("88", 507),
    ]

    /// Maturity gained from one wave to the next, on the 0–1 latent scale.
    static let progressPerWave = 0.06

    /// The last wave `od4g simulate` accepts (maturity stops growing long before).
    public static let maximumWave = 1000

    /// Creates a simulator.
    public init(questionnaire: Questionnaire, seed: UInt64, wave: Int = 0) {
        self.questionnaire = questionnaire
        self.seed = seed
        self.wave = wave
    }

    /// `count` respondents, generated one at a time.
    public func respondents(count: Int) -> Respondents {
        Respondents(simulator: self, remaining: count)
    }

    /// The respondents of a simulation, as a lazy sequence.
    public struct Respondents: Sequence, IteratorProtocol, Sendable {
        let simulator: Simulator
        var remaining: Int
        var organisationNumber = 0
        var pending: [RawResponse] = []

        init(simulator: Simulator, remaining: Int) {
            self.simulator = simulator
            self.remaining = remaining
        }

        /// The next respondent.
        public mutating func next() -> RawResponse? {
            guard remaining > 0 else { return nil }
            if pending.isEmpty {
                organisationNumber += 1
                pending = simulator.organisation(organisationNumber)
            }
            remaining -= 1
            return pending.removeFirst()
        }
    }

    // MARK: Organisations

    private var typologyWeights: [(Typology, Double)] {
        let known = Self.mix.compactMap { entry in questionnaire.typology(entry.typology).map { ($0, entry.weight) } }
        return known.isEmpty ? questionnaire.typologies.map { ($0, 1) } : known
    }

    private func pick<T>(_ items: [(T, Double)], random: inout SplitMix64) -> T? {
        let total = items.map(\.1).reduce(0, +)
        var draw = random.unit() * total
        for (item, weight) in items {
            draw -= weight
            if draw < 0 { return item }
        }
        return items.last?.0
    }

    /// Population and agents by typology: log-normal around a typical size.
    private func size(of typology: Typology, random: inout SplitMix64) -> (population: Int?, agents: Int) {
        func logNormal(_ median: Double, _ spread: Double, _ low: Double, _ high: Double) -> Double {
            min(high, max(low, median * exp(random.normal(deviation: spread))))
        }
        /// A population drawn log-normally, and one agent per `perAgent` inhabitants.
        func staffed(_ median: Double, _ spread: Double, _ low: Double, _ high: Double, perAgent: Double) -> (Int?, Int) {
            let population = logNormal(median, spread, low, high)
            return (Int(population), Int(population / perAgent))
        }
        switch typology.id {
        case "commune":
            let population = logNormal(450, 1.2, 25, 300_000)
            return (Int(population), max(1, Int(population / 110)))
        case "cc": return staffed(22_000, 0.5, 5_000, 90_000, perAgent: 160)
        case "ca": return staffed(90_000, 0.4, 50_000, 300_000, perAgent: 140)
        case "cu": return staffed(200_000, 0.3, 100_000, 500_000, perAgent: 120)
        case "metropole": return staffed(280_000, 0.3, 200_000, 800_000, perAgent: 100)
        case "departement": return staffed(400_000, 0.5, 150_000, 1_200_000, perAgent: 180)
        case "region": return (5_550_000, Int(logNormal(7_000, 0.1, 5_000, 9_000)))
        case "pnr":
            let p = logNormal(70_000, 0.4, 20_000, 200_000)
            return (Int(p), Int(logNormal(35, 0.4, 10, 90)))
        default: return (nil, Int(logNormal(60, 0.9, 5, 800)))
        }
    }

    /// Nouns of typology labels that are masculine in French: "Conseil départemental simulé".
    static let masculineNouns: Set<String> = [
        "conseil", "parc", "syndicat", "établissement", "office", "groupement", "département", "service", "pôle", "pays",
    ]

    /// A feminine French adjective agreeing with the first noun of `label`.
    static func agreeing(_ feminine: String, with label: String) -> String {
        let noun = label.split(separator: " ").first.map { $0.lowercased() } ?? ""
        return masculineNouns.contains(noun) && feminine.hasSuffix("e") ? String(feminine.dropLast()) : feminine
    }

    /// Latent maturity in 0...1: grows with size; larger bodies start higher.
    private func maturity(of typology: Typology, population: Int?, random: inout SplitMix64) -> Double {
        let bonus: [String: Double] = [
            "region": 0.35, "departement": 0.3, "metropole": 0.35, "cu": 0.3, "ca": 0.25, "cc": 0.15, "commune": 0.2,
            "pnr": 0.3,
        ]
        let base: Double
        if let population {
            base = (bonus[typology.id] ?? 0.25) + 0.08 * (log10(Double(max(population, 10))) - 2)
        } else {
            base = 0.45
        }
        return min(0.97, max(0.03, base + random.normal(deviation: 0.13)))
    }

    private func roles(for typology: Typology) -> [String] {
        switch typology.family {
        case "commune": ["dgs", "elu", "metier", "sig"]
        case "epci": ["cdo", "sig", "dsi", "dgs", "metier"]
        case "departement", "region": ["cdo", "dsi", "sig", "metier", "communication"]
        default: ["cdo", "metier", "sig", "autre"]
        }
    }

    /// A generator for one organisation (the same in every wave) or for its answers in one wave.
    private func generator(_ number: Int, wave: Int?) -> SplitMix64 {
        var mixer = SplitMix64(seed: seed ^ (UInt64(number) &* 0x9E37_79B9_7F4A_7C15))
        var value = mixer.next()
        // Wrapping arithmetic: any wave, even a huge one, mixes into the seed without trapping.
        if let wave { value ^= (UInt64(truncatingIfNeeded: wave) &+ 1) &* 0xD1B5_4A32_D192_ED03 }
        return SplitMix64(seed: value)
    }

    func organisation(_ number: Int) -> [RawResponse] {
        var random = generator(number, wave: nil)
        var answerRandom = generator(number, wave: wave)
        let fixed = self.fixed
        let drawn = pick(typologyWeights, random: &random)
        guard let typology = fixed.element(at: number - 1)?.typology ?? drawn else { return [] }
        let (population, agents) = size(of: typology, random: &random)
        let theta = maturity(of: typology, population: population, random: &random)
        let departement =
            fixed.element(at: number - 1)?.departement ?? pick(Self.departements.map { ($0.code, $0.weight) }, random: &random)
            ?? "57"
        let label = typology.label.resolved("fr")
        let name = "\(label) \(Self.agreeing("simulée", with: label)) n° \(number)"
        let code = "SIM" + String(number).leftPadded(6)
        let respondentCount = typology.family != "commune" && random.chance(0.12) ? 2 : 1
        var roles = roles(for: typology)
        return (1...respondentCount).map { index in
            let role = roles.isEmpty ? "autre" : roles.remove(at: Int(random.unit() * Double(roles.count)))
            var profile: [(field: String, value: RawValue)] = []
            let values: [String: String?] = [
                "organisation": name, "code": code, "population": population.map(String.init),
                "agents": String(agents), "departement": departement, "respondent_name": "Répondant simulé \(number)-\(index)",
                "email": "repondant\(number)-\(index)@example.org", "role": role,
                "viewpoint": ["provider", "user", "decision"][Int(random.unit() * 3)],
            ]
            for field in questionnaire.profileFields {
                if field.kind == .typology {
                    profile.append((field.id, .scalar(typology.id)))
                } else if let value = values[field.id] ?? nil {
                    if field.kind == .choice, !field.options.contains(where: { $0.id == value }) { continue }
                    profile.append((field.id, .scalar(value)))
                }
            }
            let progress = Self.progressPerWave * Double(wave) + answerRandom.normal(deviation: 0.03)
            let respondentTheta = min(0.97, max(0.03, theta + progress + random.normal(deviation: 0.05)))
            return RawResponse(
                questionnaireID: questionnaire.id, questionnaireVersion: questionnaire.version, profile: profile,
                answers: answers(typology: typology, profile: profile, theta: respondentTheta, random: &answerRandom))
        }
    }

    // MARK: Answers

    private func answers(
        typology: Typology, profile: [(field: String, value: RawValue)], theta: Double, random: inout SplitMix64
    ) -> [RawAnswer] {
        var profileValues: [String: ProfileValue] = [:]
        for (field, value) in profile {
            guard case .scalar(let text) = value else { continue }
            let kind = questionnaire.profileField(field)?.kind
            profileValues[field] =
                (kind == .integer || kind == .number) ? Double(text).map(ProfileValue.number) ?? .text(text) : .text(text)
        }
        var context = ConditionContext(
            questionnaire: questionnaire, typology: typology, profile: profileValues,
            answers: Array(repeating: nil, count: questionnaire.questions.count), visibility: [])
        var result: [RawAnswer] = []
        for (index, question) in questionnaire.questions.enumerated() {
            let state = context.visibility(of: question)
            context.visibility.append(state)
            guard state == .asked, !random.chance(0.015), let (raw, value) = answer(question, theta: theta, random: &random)
            else { continue }
            context.answers[index] = Answer(value)
            result.append(
                RawAnswer(
                    questionID: question.id, value: raw,
                    justification: question.scored && random.chance(0.03) ? "Réponse simulée" : nil,
                    confidence: random.chance(0.1) ? .unsure : nil))
        }
        return result
    }

    private func answer(_ question: Question, theta: Double, random: inout SplitMix64) -> (RawValue, AnswerValue)? {
        if question.specialAnswers[.dontKnow] != nil, random.chance(0.06 * (1 - theta)) {
            return (.scalar(SpecialAnswerKind.dontKnow.rawValue), .special(.dontKnow))
        }
        if question.specialAnswers[.notApplicable] != nil, random.chance(0.05) {
            return (.scalar(SpecialAnswerKind.notApplicable.rawValue), .special(.notApplicable))
        }
        let target = min(1, max(0, theta + random.normal(deviation: 0.18)))
        return question.kind.unit.simulate(question, target: target, theta: theta, random: &random)
    }
}

extension String {
    fileprivate func leftPadded(_ width: Int) -> String {
        String(repeating: "0", count: max(0, width - count)) + self
    }
}
