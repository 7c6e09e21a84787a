import Foundation
import Testing

@testable import DiagnosticStore
@testable import DiagnosticWeb

/// The form decoder and the timestamps of web saves, written by hand for speed, against what they replace.
@Suite struct FormBodyTests {
    @Test func formsDecodeAsBrowsersEncodeThem() throws {
        let form = try #require(FormBody("a=1&b=x+y%2Bz&c=%C3%A9t%C3%A9&a=2&empty=&bare"))
        #expect(form.values("a") == ["1", "2"])
        #expect(form.value("b") == "x y+z")
        #expect(form.value("c") == "été")
        #expect(form.value("empty") == "" && form.value("bare") == "")
        #expect(form.fields.map(\.name) == ["a", "b", "c", "a", "empty", "bare"])
        #expect(FormBody("a=%ZZ") == nil, "not hexadecimal")
        #expect(FormBody("a=%C3") == nil, "not UTF-8")
        #expect(FormBody("a=%4") == nil, "cut short")
        let encoded = "name=" + "L’Île d’Yeu & « Saint »".addingPercentEncoding(withAllowedCharacters: .alphanumerics)!
        #expect(FormBody(encoded)?.value("name") == "L’Île d’Yeu & « Saint »")
    }

    @Test func timestampsAreThoseOfISO8601DateFormatter() {
        let plain = ISO8601DateFormatter()
        let precise = ISO8601DateFormatter()
        precise.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        for seconds in [0, 1_796_244_816.123, 1_798_761_599.999, 951_782_400.5, 1_000_000_000.007] {
            let date = Date(timeIntervalSince1970: seconds)
            #expect(CampaignDatabase.isoTime(date) == plain.string(from: date))
            #expect(CampaignDatabase.isoTime(date, precise: true) == precise.string(from: date), "\(seconds)")
        }
    }
}
