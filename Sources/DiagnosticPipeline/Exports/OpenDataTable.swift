import DiagnosticCore
import DiagnosticDefinitions
import DiagnosticStore
import Foundation

/// The open-data CSV: fixed columns, then one per dimension (score, level), then one per scored question.
public struct OpenDataTable {
    /// The campaign's questionnaire.
    public let questionnaire: Questionnaire
    /// The campaign.
    public let campaign: CampaignInfo
    private let writer = CSVWriter()

    /// A table of `campaign`.
    public init(questionnaire: Questionnaire, campaign: CampaignInfo) {
        self.questionnaire = questionnaire
        self.campaign = campaign
    }

    /// The columns' names.
    public var columns: [String] {
        [
            "campaign", "period", "questionnaire", "questionnaire_version", "organisation", "official_code", "typology", "family",
            "departement", "respondents", "overall_score", "overall_level", "complete",
        ]
            + questionnaire.dimensions.flatMap { ["\($0.id)_score", "\($0.id)_level"] }
            + questionnaire.questions.filter(\.scored).map { "q_\($0.id)" }
    }

    /// The header line.
    public var header: String { writer.line(columns) }

    /// The line of an organisation.
    public func line(_ profile: OrganisationProfile, departement: String?) -> String {
        func number(_ value: Double?, _ decimals: Int = 2) -> String {
            // Published data never carries "nan" or "inf" (validation keeps them out; an empty cell if one slipped through).
            value.flatMap { $0.isFinite ? NumberText.format($0, decimals: decimals) : nil } ?? ""
        }
        var cells = [
            campaign.name, campaign.period ?? "", campaign.questionnaireID, campaign.questionnaireVersion, profile.name,
            profile.code ?? "", profile.typology.id, profile.typology.family, departement ?? "",
            String(profile.respondents.count), number(profile.overall), profile.level?.id ?? "", profile.isComplete ? "1" : "0",
        ]
        for index in questionnaire.dimensions.indices {
            cells.append(number(profile.dimensions.element(at: index) ?? nil))
            cells.append((profile.dimensionLevels.element(at: index) ?? nil)?.id ?? "")
        }
        for (index, question) in questionnaire.questions.enumerated() where question.scored {
            cells.append(number(profile.questionRatios.element(at: index) ?? nil, 4))
        }
        return writer.line(cells)
    }
}

extension OpenDataTable {
    /// The whole export of `campaign`: the header and one line per organisation, in the store's order.
    public static func text(of campaign: LoadedCampaign, in store: any CampaignStore) throws -> String {
        let table = OpenDataTable(questionnaire: campaign.questionnaire, campaign: campaign.info)
        var text = table.header
        try store.forEachOrganisation(campaign: campaign.info, questionnaire: campaign.questionnaire) { entries in
            if let profile = OrganisationProfile(entries: entries, questionnaire: campaign.questionnaire) {
                text += table.line(profile, departement: profile.departement)
            }
        }
        return text
    }
}
