import Foundation

/// The fields of an `application/x-www-form-urlencoded` body, in order.
struct FormBody: Sendable {
    /// Name and value of each field, as sent.
    let fields: [(name: String, value: String)]

    /// Decodes `text`; `nil` when a name or value is not valid percent-encoded UTF-8.
    init?(_ text: String) {
        var fields: [(String, String)] = []
        for pair in text.split(separator: "&", omittingEmptySubsequences: true) {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard let name = Self.decode(parts[0]), let value = Self.decode(parts.count > 1 ? parts[1] : "") else {
                return nil
            }
            fields.append((name, value))
        }
        self.fields = fields
    }

    private static func decode(_ text: Substring) -> String? {
        text.replacingOccurrences(of: "+", with: " ").removingPercentEncoding
    }

    /// Every value of field `name`.
    func values(_ name: String) -> [String] { fields.filter { $0.name == name }.map(\.value) }

    /// The first value of field `name`.
    func value(_ name: String) -> String? { fields.first { $0.name == name }?.value }

    /// The fields whose name starts with `prefix`, the prefix removed.
    func fields(prefixed prefix: String) -> [(name: String, value: String)] {
        fields.filter { $0.name.hasPrefix(prefix) }.map { (String($0.name.dropFirst(prefix.count)), $0.value) }
    }
}
