import Foundation

/// Deterministic, realistic synthetic responses for a region's mix of typologies, as the
/// questionnaire's simulation profile describes it (`SimulationProfile`).
///
/// For OD4Growth (`Questionnaires/od4growth-simulation.yaml`): many communes, fewer EPCI, a
/// handful of départements, parks and agencies; maturity grows with size; some organisations
/// answer with two services. The same questionnaire, seed and count
/// always give the same rows. Organisations are fictional ("… simulée n° 42", codes `SIM…`).
public struct Simulator: Sendable {
    /// The questionnaire answered.
    public let questionnaire: Questionnaire
    /// The seed: the same seed gives the same organisations.
    public let seed: UInt64
    /// The campaign wave: later waves answer for the same organisations, a little more mature.
    public let wave: Int

    /// What organisations are drawn from: the questionnaire's simulation file, else `SimulationProfile.generic`.
    public var profile: SimulationProfile { questionnaire.simulation ?? .generic }

    /// The first organisations of every simulation, in the profile's order: those of a fixed
    /// département, and one per département of those without (the regional council, then the
    /// council of each département); typologies the questionnaire lacks are skipped.
    var fixed: [(typology: Typology, departement: String)] {
        profile.fixed.flatMap { entry -> [(typology: Typology, departement: String)] in
            guard let typology = questionnaire.typology(entry.typology) else { return [] }
            if let departement = entry.departement { return [(typology, departement)] }
            return profile.departements.map { (typology, $0.id) }
        }
    }

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

    /// The profile's mix among the questionnaire's typologies (others skipped), else every typology alike.
    private var typologyWeights: [(Typology, Double)] {
        let known = profile.mix.compactMap { entry in questionnaire.typology(entry.id).map { ($0, entry.weight) } }
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

    /// Population and agents of an organisation of `typology`, as the profile draws them.
    private func size(of typology: Typology, random: inout SplitMix64) -> (population: Int?, agents: Int) {
        (profile.sizes[typology.id] ?? profile.defaultSize).draw(&random)
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
        let base: Double
        if let population {
            base =
                (profile.maturity[typology.id] ?? profile.defaultMaturity) + 0.08 * (log10(Double(max(population, 10))) - 2)
        } else {
            base = 0.45
        }
        return min(0.97, max(0.03, base + random.normal(deviation: 0.13)))
    }

    private func roles(for typology: Typology) -> [String] {
        profile.roles[typology.family] ?? profile.defaultRoles
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
            fixed.element(at: number - 1)?.departement ?? pick(profile.departements.map { ($0.id, $0.weight) }, random: &random)
        let label = typology.label.resolved("fr")
        let name = "\(label) \(Self.agreeing("simulée", with: label)) n° \(number)"
        let code = "SIM" + String(number).leftPadded(6)
        let respondentCount =
            !profile.singleRespondentFamilies.contains(typology.family) && random.chance(profile.secondRespondentShare) ? 2 : 1
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
        return question.kind.unit.simulate(question, target: target, theta: theta, profile: profile, random: &random)
    }
}

extension String {
    fileprivate func leftPadded(_ width: Int) -> String {
        String(repeating: "0", count: max(0, width - count)) + self
    }
}
