import ArgumentParser

/// The `od4g` command: diagnose the open-data maturity of public authorities.
public struct Od4g: ParsableCommand {
    /// Subcommands and help.
    public static let configuration = CommandConfiguration(
        commandName: "od4g",
        abstract:
            "Diagnostic de maturité open data des collectivités (OD4Growth) / Open-data maturity diagnostic of public authorities.",
        discussion: """
            Langue des messages : --lang fr|en, ou la variable OD4G_LANG (français par défaut).
            Message language: --lang fr|en, or the OD4G_LANG variable (French by default).
            """,
        version: "0.1.0",
        subcommands: [
            Validate.self, Template.self, Score.self, Simulate.self, Import.self, Campaigns.self, Aggregate.self, Compare.self,
            Export.self, Report.self, Recommend.self, Target.self, Follow.self, Invite.self, Revoke.self, CampaignCommand.self,
            UserCommand.self, Serve.self, Form.self,
        ]
    )

    /// Creates the command (ArgumentParser needs it).
    public init() {}
}
