import Testing

@testable import DiagnosticCore

/// `RespondentIdentity.normalised`, which keys organisations and respondents: its ASCII shortcut
/// gives what the general, character by character, way gives.
@Suite struct NormalisedTests {
    @Test func examplesMatchBothWays() {
        let examples = [
            "Commune de  Lucey ", "commune de lucey", "SIM000001", "  Repondant1-1@Example.ORG\t", "a\u{0B}b\u{0C}c\r\nd",
            "", "   ", "ÉCOLE Saint-Étienne", "Ça\u{00A0}va", "x\u{1F}y", "Z@[\\]^_`{|}~",
        ]
        for text in examples {
            #expect(
                RespondentIdentity.normalised(text) == RespondentIdentity.normalisedByScalars(text), "\(text.debugDescription)")
        }
        #expect(RespondentIdentity.normalised("Commune de  Lucey ") == "commune de lucey")
        #expect(RespondentIdentity.normalised("\tA\n B ") == "a b")
    }

    @Test func everyASCIICharacterInEveryPlaceMatchesBothWays() {
        for code in UInt8(0)..<0x80 {
            let character = String(decoding: [code], as: UTF8.self)
            for text in [character, "A\(character)b", " \(character) ", "\(character)\(character)Z"] {
                #expect(
                    RespondentIdentity.normalised(text) == RespondentIdentity.normalisedByScalars(text), "byte \(code)")
            }
        }
    }
}
