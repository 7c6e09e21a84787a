import Foundation

/// The fields of an `application/x-www-form-urlencoded` body, in order.
struct FormBody: Sendable {
    /// Name and value of each field, as sent.
    let fields: [(name: String, value: String)]
    /// The values of each name, in order.
    private let byName: [String: [String]]

    /// Decodes `text`; `nil` when a name or value is not valid percent-encoded UTF-8. Decoded byte
    /// by byte: Foundation's string searches cost more than the rest of a save.
    init?(_ text: String) {
        var fields: [(String, String)] = []
        var byName: [String: [String]] = [:]
        for pair in text.utf8.split(separator: UInt8(ascii: "&"), omittingEmptySubsequences: true) {
            let equals = pair.firstIndex(of: UInt8(ascii: "="))
            guard let name = Self.decode(pair[..<(equals ?? pair.endIndex)]),
                let value = Self.decode(equals.map { pair[pair.index(after: $0)...] } ?? pair[pair.endIndex...])
            else { return nil }
            fields.append((name, value))
            byName[name, default: []].append(value)
        }
        self.fields = fields
        self.byName = byName
    }

    /// `+` as a space, `%XX` as its byte; the bytes must be UTF-8.
    private static func decode(_ bytes: Substring.UTF8View.SubSequence) -> String? {
        var decoded: [UInt8] = []
        decoded.reserveCapacity(bytes.count)
        var index = bytes.startIndex
        while index < bytes.endIndex {
            let byte = bytes[index]
            if byte == UInt8(ascii: "+") {
                decoded.append(UInt8(ascii: " "))
            } else if byte == UInt8(ascii: "%") {
                let high = bytes.index(after: index)
                guard high < bytes.endIndex, bytes.index(after: high) < bytes.endIndex,
                    let first = hex(bytes[high]), let second = hex(bytes[bytes.index(after: high)])
                else { return nil }
                decoded.append(first << 4 | second)
                index = bytes.index(after: high)
            } else {
                decoded.append(byte)
            }
            index = bytes.index(after: index)
        }
        return String(validating: decoded, as: UTF8.self)
    }

    private static func hex(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }

    /// Every value of field `name`.
    func values(_ name: String) -> [String] { byName[name] ?? [] }

    /// The first value of field `name`.
    func value(_ name: String) -> String? { byName[name]?.first }

    /// The fields whose name starts with `prefix`, the prefix removed.
    func fields(prefixed prefix: String) -> [(name: String, value: String)] {
        fields.filter { $0.name.hasPrefix(prefix) }.map { (String($0.name.dropFirst(prefix.count)), $0.value) }
    }
}
