import DiagnosticCore
import DiagnosticDefinitions
import DiagnosticReports
import DiagnosticStore
import Foundation

/// `od4g report --campaign C --all`: one report per organisation, the regional report, and an index.
public struct AllReports {
    /// Where campaigns are read (the earlier campaigns too, for each organisation's change).
    public let source: CampaignSource
    /// The campaign reported on.
    public let campaign: LoadedCampaign
    /// Renders each report.
    public let renderer: ReportRenderer
    /// Markdown or HTML.
    public let format: ReportFormat
    /// Summary only, or summary and annex.
    public var detail: ReportDetail
    /// Fewest organisations with a complete diagnostic behind a group or figure shown.
    public let minimumGroupSize: Int
    /// The support-action catalogue, when one applies: each report gets its plan, the regional report the demand.
    public let catalogue: ActionCatalogue?
    /// Most actions per plan (prerequisites added); `nil`: all.
    public let maximumActions: Int?
    /// The actions of each plan the regional demand counts, as `od4g report --regional` counts them.
    public var countedActions: Int { maximumActions ?? PlanInputs.defaultCountedActions }
    private var database: any CampaignStore { source.database }
    private var language: Language { source.language }

    /// A writer of every report of `campaign`.
    public init(
        source: CampaignSource, campaign: LoadedCampaign, renderer: ReportRenderer, format: ReportFormat,
        detail: ReportDetail = .full, minimumGroupSize: Int, catalogue: ActionCatalogue?, maximumActions: Int?
    ) {
        self.source = source
        self.campaign = campaign
        self.renderer = renderer
        self.format = format
        self.detail = detail
        self.minimumGroupSize = minimumGroupSize
        self.catalogue = catalogue
        self.maximumActions = maximumActions
    }

    /// Writes everything into `folder`, showing on `progress` how many reports are done; returns the
    /// number of organisation reports.
    ///
    /// Each report is written whole in a hidden staging folder of this run's own inside `folder`,
    /// then renamed into place: a run killed at any moment leaves `folder` with complete reports
    /// only (this run's or the earlier one's), and its staging folder, which the next run removes.
    /// Store errors, report errors and `PipelineError`s are thrown as they are.
    public func write(into folder: String, progress: (any PipelineProgress)? = nil) throws -> Int {
        try createFolder(folder)
        let staging = try stagingFolder(in: folder)
        let written = DispatchGroup()
        // On every way out, errors included, the writes still queued finish before their folder goes.
        defer {
            written.wait()
            try? FileManager.default.removeItem(atPath: staging)
        }
        @Sendable func place(_ text: String, as name: String) -> Bool {
            OutputFile.write(
                Data(text.utf8), to: (folder as NSString).appendingPathComponent(name),
                staging: (staging as NSString).appendingPathComponent(name))
        }
        let questionnaire = campaign.questionnaire
        let peers = PeerGroups(try database.summaries(campaign: campaign.info, questionnaire: questionnaire))
        let stored = try database.storedResponses(campaign: campaign.info, organisationKeys: nil)
        var byOrganisation: [(key: String, responses: [StoredResponse])] = []
        for item in stored {
            if byOrganisation.last?.key == item.organisationKey {
                byOrganisation[byOrganisation.count - 1].responses.append(item)
            } else {
                byOrganisation.append((item.organisationKey, [item]))
            }
        }
        let earlier = try earlierProfiles()
        let plans = catalogue == nil ? [:] : try database.plans(of: nil)
        var demand = ActionDemand()
        let names = FileNames()
        var entries: [IndexEntry] = []
        let writing = DispatchQueue(label: "od4g.reports.writing")
        // At most two batches wait to be written, so memory stays bounded when the disk is slower than rendering.
        let pending = DispatchSemaphore(value: 2)
        let failedWrites = Slots(count: 1, value: String?.none)
        let minimum = minimumGroupSize
        let rebuilder = ReportInputs.Rebuilder(questionnaire: questionnaire, language: language)
        let planner = catalogue.map {
            Planner(catalogue: $0, recommender: Recommender(questionnaire: questionnaire, catalogue: $0))
        }
        let maximum = maximumActions
        let countedMaximum = countedActions
        let campaignName = campaign.info.name
        var start = 0
        while start < byOrganisation.count {
            let batch = Array(byOrganisation[start..<min(start + 256, byOrganisation.count)])
            start += batch.count
            let inputs = Slots(count: batch.count, value: Result<IndividualInput?, PipelineError>.success(nil))
            let counted = Slots(count: batch.count, value: ActionPlan?.none)
            DispatchQueue.concurrentPerform(iterations: batch.count) { index in
                inputs[index] = Result { () throws(PipelineError) in
                    var input = try Self.input(
                        batch[index].responses, rebuilder: rebuilder, campaign: campaignName, peers: peers,
                        earlier: earlier, minimumGroupSize: minimum)
                    if let planner, let built = input {
                        let plans = planner.plans(
                            built, record: plans[batch[index].key], maximum: maximum, counted: countedMaximum)
                        input?.plan = plans.shown
                        counted[index] = plans.counted
                    }
                    return input
                }
            }
            // An organisation whose stored response cannot be read back stops the command, as it does for one report.
            let ready = try inputs.values.compactMap { try $0.get() }
            for (plan, input) in zip(counted.values, inputs.values) {
                guard let plan, case .success(let built?) = input, let first = built.respondents.first else { continue }
                let identity = RespondentIdentity(response: first.response, questionnaire: questionnaire)
                demand.add(plan, typology: first.card.typology.id, departement: identity?.departement)
            }
            var files: [(path: String, text: String)] = []
            for (input, result) in zip(ready, renderer.individuals(ready, format: format, detail: detail)) {
                guard let profile = input.profile else { continue }
                let file = names.name(for: profile, extension: format.rawValue)
                switch result {
                case .success(let rendered): files.append((file, rendered))
                case .failure(let error): throw error
                }
                entries.append(
                    IndexEntry(
                        name: profile.name, file: file, typology: profile.typology.label.resolved(language.rawValue),
                        score: profile.overall,
                        level: profile.isComplete
                            ? profile.level?.label.resolved(language.rawValue) ?? "—"
                            : language.pick("diagnostic incomplet", "incomplete diagnostic")))
            }
            progress?.update(reports: start, of: byOrganisation.count)
            // Files are written while the next batch is built and rendered.
            let batchFiles = files
            pending.wait()
            writing.async(group: written) {
                for file in batchFiles where !place(file.text, as: file.path) {
                    failedWrites[0] = failedWrites[0] ?? (folder as NSString).appendingPathComponent(file.path)
                }
                pending.signal()
            }
        }
        written.wait()
        progress?.finish()
        if let path = failedWrites[0] { throw OutputFile.cannotWrite(path) }
        let regional = "regional.\(format.rawValue)"
        let regionalInput = try RegionalInput.of(
            source.database, campaign: campaign, minimumGroupSize: minimumGroupSize, demand: catalogue.map { ($0, demand) },
            countedActions: countedActions)
        guard place(try renderer.regional(regionalInput, format: format), as: regional) else {
            throw OutputFile.cannotWrite((folder as NSString).appendingPathComponent(regional))
        }
        entries.sort { $0.name.localizedStandardCompare($1.name) == .orderedAscending }
        let index = "index.\(format.rawValue)"
        guard
            place(
                try renderer.index(campaign: campaign.info.name, regional: regional, entries: entries, format: format), as: index)
        else {
            throw OutputFile.cannotWrite((folder as NSString).appendingPathComponent(index))
        }
        return entries.count
    }

    /// This run's staging folder inside `folder` (`.reports.<pid>-<n>.od4g-partial`), after removing
    /// those of runs that no longer run; on the same file system as `folder`, so a rename places a report.
    private func stagingFolder(in folder: String) throws -> String {
        OutputFile.removeLeftovers(of: "reports", in: folder)
        let staging = (folder as NSString).appendingPathComponent(OutputFile.partialName("reports"))
        do {
            try FileManager.default.createDirectory(atPath: staging, withIntermediateDirectories: false)
            return staging
        } catch {
            throw PipelineError(.cannotCreateWorkingFolder(staging))
        }
    }

    /// Creates the output folder, or says clearly why it cannot.
    private func createFolder(_ folder: String) throws {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory), !isDirectory.boolValue {
            throw PipelineError(.outputIsAFile(folder))
        }
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        } catch {
            throw PipelineError(.cannotCreateFolder(folder))
        }
    }

    /// For each organisation, its profile in the latest earlier campaign it answered, with that campaign.
    private func earlierProfiles() throws -> [String: (
        campaign: String, questionnaire: Questionnaire, profile: OrganisationProfile
    )] {
        let earlier = try database.campaigns().filter {
            ($0.createdAt, $0.id) < (campaign.info.createdAt, campaign.info.id)
        }.sorted { ($0.createdAt, $0.id) > ($1.createdAt, $1.id) }
        var result: [String: (campaign: String, questionnaire: Questionnaire, profile: OrganisationProfile)] = [:]
        for info in earlier {
            let loaded = try source.campaign(named: info.name)
            try database.forEachOrganisation(campaign: info, questionnaire: loaded.questionnaire) { entries in
                guard let key = entries.first?.organisationKey, result[key] == nil,
                    let profile = OrganisationProfile(entries: entries, questionnaire: loaded.questionnaire)
                else { return }
                result[key] = (info.name, loaded.questionnaire, profile)
            }
        }
        return result
    }

    /// One organisation's input, rebuilt from its stored responses as `ReportInputs` does for one report;
    /// `nil` for an organisation without a profile (unknown typology).
    static func input(
        _ stored: [StoredResponse], rebuilder: ReportInputs.Rebuilder, campaign: String, peers: PeerGroups,
        earlier: [String: (campaign: String, questionnaire: Questionnaire, profile: OrganisationProfile)], minimumGroupSize: Int
    ) throws(PipelineError) -> IndividualInput? {
        let questionnaire = rebuilder.questionnaire
        var input = IndividualInput(
            questionnaire: questionnaire, campaign: campaign, respondents: try rebuilder.respondents(stored))
        guard let profile = input.profile else { return nil }
        input.change = stored.first.flatMap { earlier[$0.organisationKey] }.map { before in
            (before.campaign, CampaignChange(before: before.profile, in: before.questionnaire, after: profile, in: questionnaire))
        }
        input.position = PeerPosition(of: OrganisationSummary(profile), in: peers, minimumGroupSize: minimumGroupSize)
        return input
    }
}

/// Plans for `--all`: each organisation's plan with its stored targets and followed actions, its
/// progress since its earlier campaign, and the shorter plan the regional demand counts.
struct Planner: Sendable {
    let catalogue: ActionCatalogue
    let recommender: Recommender

    /// The plan a report shows (`maximum` actions, all when `nil`), and the one of `counted` actions
    /// the regional demand counts, from one evaluation of the rules.
    func plans(_ input: IndividualInput, record: PlanRecord?, maximum: Int?, counted: Int) -> (
        shown: PlanInput, counted: ActionPlan
    ) {
        let targets = record?.targetLevels ?? [:]
        let candidates = recommender.candidates(
            respondents: input.respondents.map { ($0.response, $0.card) }, targets: targets, followed: record?.followedIDs ?? [])
        let progress = input.respondents.first.flatMap {
            PlanInputs.progress(
                targets: targets, change: input.change, questionnaire: input.questionnaire, typology: $0.card.typology)
        }
        let shown = PlanInput(
            catalogue: catalogue, plan: recommender.plan(candidates, maximum: maximum), progress: progress,
            unknownFollowed: (record?.followedIDs ?? []).filter { catalogue.action($0) == nil }.sorted())
        return (shown, recommender.plan(candidates, maximum: counted, route: false))
    }
}

/// Report file names from organisation codes or names: lower-case letters, digits and dashes, unique.
public final class FileNames {
    /// The index and the regional report have these names: an organisation called "Index" gets "index-2".
    private var used: Set<String> = ["index", "regional"]

    /// Creates a namer with no names used but those of the index and the regional report.
    public init() {}

    /// `text` in lower-case letters, digits and dashes ("organisation" when nothing is left).
    public static func slug(_ text: String) -> String {
        let slug = RespondentIdentity.normalised(text).map { $0.isLetter || $0.isNumber ? String($0) : "-" }.joined()
            .split(separator: "-").joined(separator: "-")
        return slug.isEmpty ? "organisation" : slug
    }

    /// A name for `profile`'s report not given before, ending in `.ext`.
    public func name(for profile: OrganisationProfile, extension ext: String) -> String {
        let slug = Self.slug(profile.code ?? profile.name)
        var candidate = slug
        var number = 2
        while used.contains(candidate) {
            candidate = "\(slug)-\(number)"
            number += 1
        }
        used.insert(candidate)
        return candidate + "." + ext
    }
}

extension RegionalInput {
    /// The regional report of `campaign`: its aggregates by typology and by département and, with a
    /// catalogue, how many organisations each action is recommended to among the first
    /// `countedActions` of their plans. Store errors are thrown as they are.
    public static func of(
        _ database: any CampaignStore, campaign: LoadedCampaign, minimumGroupSize: Int,
        demand: (catalogue: ActionCatalogue, counts: ActionDemand)?, countedActions: Int
    ) throws -> RegionalInput {
        let (info, questionnaire) = (campaign.info, campaign.questionnaire)
        var input = RegionalInput(
            questionnaire: questionnaire, campaign: info.name, period: info.period,
            byTypology: try database.aggregate(
                campaign: info, questionnaire: questionnaire, grouping: .typology, minimumGroupSize: minimumGroupSize),
            byDepartement: try database.aggregate(
                campaign: info, questionnaire: questionnaire, grouping: .departement, minimumGroupSize: minimumGroupSize))
        if let demand {
            input.demand = DemandInput(
                catalogue: demand.catalogue, demand: demand.counts, maximum: countedActions, minimumGroupSize: minimumGroupSize)
        }
        return input
    }
}
