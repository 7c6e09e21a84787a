import Foundation

/// The text encodings a CSV export arrives in, and how its bytes become UTF-8 for the reader.
///
/// Form tools write UTF-8 (often with a byte order mark). A French Excel saves "CSV (séparateur :
/// point-virgule)" in Windows-1252, and "Texte Unicode" in UTF-16 with a byte order mark: both are
/// read, and said. Bytes that are neither UTF-8 nor plausibly Windows-1252 (a Mac Roman file, say,
/// whose accented letters fall where Windows-1252 has none or has rare signs) are refused rather
/// than read as the wrong letters.
public enum TableEncoding: String, Sendable, Hashable {
    case utf8 = "UTF-8"
    case utf16 = "UTF-16"
    case windows1252 = "Windows-1252"

    /// What the bytes of a table turn out to be.
    public enum Decoded: Sendable, Hashable {
        /// Text, as UTF-8 bytes for the reader, and the encoding it came in.
        case text(Data, TableEncoding)
        /// UTF-8 text with bytes that are not (a file partly re-encoded, or cut): the reader names
        /// the line of the first one.
        case brokenUTF8
        /// No encoding od4g can tell.
        case unknown
    }

    /// What `data` holds.
    public static func decode(_ data: Data) -> Decoded {
        let bytes = [UInt8](data)
        if bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF]) {
            let little = bytes[0] == 0xFF
            guard let text = String(bytes: bytes.dropFirst(2), encoding: little ? .utf16LittleEndian : .utf16BigEndian) else {
                return .unknown
            }
            return .text(Data(text.utf8), .utf16)
        }
        if String(validating: bytes, as: UTF8.self) != nil { return .text(data, .utf8) }
        // Accented letters written as UTF-8 (é as C3 A9) mean a UTF-8 file with a fault, not
        // Windows-1252 text, where "Ã©" is not written.
        if holdsUTF8Letters(bytes) { return .brokenUTF8 }
        return windows1252(bytes).map { .text(Data($0.utf8), .windows1252) } ?? .unknown
    }

    /// Whether `bytes` hold a two-byte UTF-8 sequence (a lead byte C2–DF and a continuation byte).
    static func holdsUTF8Letters(_ bytes: [UInt8]) -> Bool {
        zip(bytes, bytes.dropFirst()).contains { lead, next in (0xC2...0xDF).contains(lead) && (0x80...0xBF).contains(next) }
    }

    /// The Windows-1252 reading of `bytes`, when they read as such: no byte Windows-1252 leaves
    /// undefined, and most bytes above 0x7F are letters of 0xC0–0xFF (é, è, à, ç, ô), as in French
    /// text, rather than the rare signs of 0x80–0x9F (€, ’, œ, …) where Mac Roman puts its accents.
    static func windows1252(_ bytes: [UInt8]) -> String? {
        var high = 0
        var signs = 0
        for byte in bytes where byte >= 0x80 {
            high += 1
            if byte < 0xA0 {
                guard signsFrom0x80[Int(byte - 0x80)] != nil else { return nil }
                signs += 1
            }
        }
        guard signs * 2 <= high else { return nil }
        var scalars = String.UnicodeScalarView()
        for byte in bytes {
            if byte >= 0x80, byte < 0xA0, let sign = signsFrom0x80[Int(byte - 0x80)] {
                scalars.append(sign)
            } else {
                // 0x00–0x7F is ASCII and 0xA0–0xFF is Latin-1, as in Unicode.
                scalars.append(Unicode.Scalar(byte))
            }
        }
        return String(scalars)
    }

    /// Windows-1252's signs at 0x80–0x9F (`nil` where it defines none).
    private static let signsFrom0x80: [Unicode.Scalar?] = [
        "\u{20AC}", nil, "\u{201A}", "\u{0192}", "\u{201E}", "\u{2026}", "\u{2020}", "\u{2021}",
        "\u{02C6}", "\u{2030}", "\u{0160}", "\u{2039}", "\u{0152}", nil, "\u{017D}", nil,
        nil, "\u{2018}", "\u{2019}", "\u{201C}", "\u{201D}", "\u{2022}", "\u{2013}", "\u{2014}",
        "\u{02DC}", "\u{2122}", "\u{0161}", "\u{203A}", "\u{0153}", nil, "\u{017E}", "\u{0178}",
    ]
}
