import Foundation

/// Reads CSV records (RFC 4180: quotes, doubled quotes, line breaks inside quotes), one at a time,
/// with the line each record starts on, so errors can name it.
public struct CSVReader: Sendable {
    /// One record and where it starts.
    public struct Record: Sendable, Hashable {
        /// 1-based line where the record starts.
        public var line: Int
        /// The cells, unquoted.
        public var cells: [String]
    }

    /// What makes a file unreadable as CSV.
    public enum Problem: Error, Sendable, Hashable {
        /// A quote opened on `line` is never closed.
        case unbalancedQuote(line: Int)
        /// A quote appears in the middle of an unquoted cell.
        case strayQuote(line: Int)
        /// Bytes that are not UTF-8 text on `line`.
        case invalidUTF8(line: Int)
    }

    private let bytes: [UInt8]
    private var position: Int
    private var line = 1
    /// The cell separator: `,`, `;` or a tab.
    public let delimiter: UInt8

    /// Reads `data`; the delimiter is guessed from the header line unless given: line `headerLine`
    /// when known, else the first of the first ten lines that holds one (a title may come first).
    public init(data: Data, delimiter: UInt8? = nil, headerLine: Int? = nil) {
        bytes = [UInt8](data)
        position = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        self.delimiter = delimiter ?? Self.guessDelimiter(bytes, from: position, headerLine: headerLine)
    }

    /// The byte offset reached, for progress.
    public var offset: Int { position }
    /// The size of the input.
    public var size: Int { bytes.count }

    /// The separator seen most often outside quotes on the header line (`,` when none).
    static func guessDelimiter(_ bytes: [UInt8], from start: Int, headerLine: Int? = nil) -> UInt8 {
        let separators: [UInt8] = [UInt8(ascii: ","), UInt8(ascii: ";"), UInt8(ascii: "\t")]
        var counts: [UInt8: Int] = [:]
        var quoted = false
        var line = 1
        var previous: UInt8 = 0
        func best() -> UInt8? {
            counts.max { $0.value < $1.value || ($0.value == $1.value && $0.key > $1.key) }.flatMap {
                $0.value > 0 ? $0.key : nil
            }
        }
        for byte in bytes[start...] {
            defer { previous = byte }
            if byte == UInt8(ascii: "\"") { quoted.toggle() }
            if !quoted, byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\r") {
                if byte == UInt8(ascii: "\n"), previous == UInt8(ascii: "\r") { continue }
                if headerLine == nil || headerLine == line, let found = best() { return found }
                line += 1
                counts = [:]
                if line > (headerLine ?? 10) { break }
                continue
            }
            guard headerLine == nil || headerLine == line else { continue }
            if !quoted, separators.contains(byte) { counts[byte, default: 0] += 1 }
        }
        return best() ?? UInt8(ascii: ",")
    }

    /// The next record, `nil` at the end; blank lines are skipped. Lines end with LF, CR LF or a lone
    /// CR (old Mac files).
    public mutating func next() throws(Problem) -> Record? {
        let bytes = self.bytes
        var position = self.position
        var line = self.line
        defer {
            self.position = position
            self.line = line
        }
        let delimiter = self.delimiter
        return try bytes.withUnsafeBufferPointer { (buffer) throws(Problem) -> Record? in
            let quote = UInt8(ascii: "\"")
            let newline = UInt8(ascii: "\n")
            let carriage = UInt8(ascii: "\r")
            // Ends a line at `position` (LF, CR LF or CR), counting it once.
            func endOfLine() {
                if buffer[position] == carriage, position + 1 < buffer.count, buffer[position + 1] == newline { position += 1 }
                position += 1
                line += 1
            }
            while position < buffer.count, buffer[position] == newline || buffer[position] == carriage { endOfLine() }
            guard position < buffer.count else { return nil }
            let start = line
            var cells: [String] = []
            // An unquoted cell is read straight from the buffer; a quoted one is copied to undo doubled quotes.
            func text(_ range: Range<Int>) throws(Problem) -> String {
                var end = range.upperBound
                if end > range.lowerBound, buffer[end - 1] == carriage { end -= 1 }
                guard let text = String(validating: UnsafeBufferPointer(rebasing: buffer[range.lowerBound..<end]), as: UTF8.self)
                else { throw .invalidUTF8(line: line) }
                return text
            }
            while true {
                if position < buffer.count, buffer[position] == quote {
                    let quoteLine = line
                    position += 1
                    var cell: [UInt8] = []
                    var closed = false
                    while position < buffer.count {
                        let byte = buffer[position]
                        position += 1
                        if byte == quote {
                            if position < buffer.count, buffer[position] == quote {
                                cell.append(quote)
                                position += 1
                            } else {
                                closed = true
                                break
                            }
                        } else {
                            let crlf = byte == carriage && position < buffer.count && buffer[position] == newline
                            if byte == newline || (byte == carriage && !crlf) { line += 1 }
                            cell.append(byte)
                        }
                    }
                    guard closed else { throw .unbalancedQuote(line: quoteLine) }
                    let restored = CSVCell.isNeutralised(cell[...])
                    guard let value = String(validating: restored ? Array(cell.dropFirst()) : cell, as: UTF8.self) else {
                        throw .invalidUTF8(line: line)
                    }
                    cells.append(value)
                    guard position < buffer.count else { return Record(line: start, cells: cells) }
                    let after = buffer[position]
                    if after == delimiter {
                        position += 1
                        continue
                    }
                    if after == newline || after == carriage {
                        endOfLine()
                        return Record(line: start, cells: cells)
                    }
                    throw .strayQuote(line: line)
                }
                let cellStart = position
                while position < buffer.count {
                    let byte = buffer[position]
                    if byte == delimiter || byte == newline || byte == carriage { break }
                    if byte == quote { throw .strayQuote(line: line) }
                    position += 1
                }
                // A cell od4g neutralised when it wrote it ("'=…") reads back as it was written first.
                let restored =
                    position > cellStart && buffer[cellStart] == CSVCell.apostrophe
                    && CSVCell.isNeutralised(buffer[cellStart..<position])
                cells.append(try text((restored ? cellStart + 1 : cellStart)..<position))
                guard position < buffer.count else { return Record(line: start, cells: cells) }
                if buffer[position] == delimiter {
                    position += 1
                } else {
                    endOfLine()
                    return Record(line: start, cells: cells)
                }
            }
        }
    }
}

/// Cells a spreadsheet would run as formulas (CSV injection): a text beginning with `=`, `+`, `-`,
/// `@`, a tab or a carriage return is written with an apostrophe before it (the OWASP rule), so
/// that a name like `=HYPERLINK("http://…")` shows as text when an advisor opens the file. Plain
/// numbers (`-3`, `+2.5`) are left as they are. od4g's own reader removes the apostrophe again, so
/// a file od4g wrote (the rejected rows) imports as the original.
public enum CSVCell {
    static let apostrophe: UInt8 = 0x27
    /// The first bytes that make a spreadsheet read a formula.
    static let triggers: Set<UInt8> = [0x3D, 0x2B, 0x2D, 0x40, 0x09, 0x0D]

    /// `cell`, with an apostrophe before it when a spreadsheet would take it for a formula, or when
    /// it already starts with apostrophes before such a character (`'=x` is written `''=x`), so that
    /// reading it back removes exactly the one added.
    public static func neutralised(_ cell: String) -> String {
        let bytes = cell.utf8
        let quotes = bytes.prefix { $0 == apostrophe }.count
        guard let next = bytes.dropFirst(quotes).first, triggers.contains(next), quotes > 0 || !isNumber(cell) else {
            return cell
        }
        return "'" + cell
    }

    /// Whether a cell as read is one `neutralised` changed: apostrophes, then a formula character.
    /// The reader then removes the first apostrophe.
    static func isNeutralised<Cell: Collection<UInt8>>(_ cell: Cell) -> Bool {
        guard cell.first == apostrophe else { return false }
        return cell.first { $0 != apostrophe }.map { triggers.contains($0) } ?? false
    }

    /// `[+-]digits[(.|,)digits][(e|E)[+-]digits]`: a figure, never a formula.
    static func isNumber(_ cell: String) -> Bool {
        cell.range(of: #"^[+-]?[0-9]+([.,][0-9]+)?([eE][+-]?[0-9]+)?$"#, options: .regularExpression) != nil
    }
}

/// Writes CSV text: cells quoted when they hold the delimiter, a quote or a line break.
public struct CSVWriter {
    /// The cell separator.
    public let delimiter: Character

    /// Creates a writer.
    public init(delimiter: Character = ",") {
        self.delimiter = delimiter
    }

    /// One record as a line, with its final line break.
    public func line(_ cells: [String]) -> String {
        cells.map(quoted).joined(separator: String(delimiter)) + "\n"
    }

    /// A cell, neutralised (`CSVCell.neutralised`) and quoted if needed.
    ///
    /// Goes by Unicode scalars, as a CSV reader does: a line break "\r\n" is one Swift character, and
    /// a quote or a delimiter followed by a combining mark is one too, yet each must be quoted.
    public func quoted(_ raw: String) -> String {
        let cell = CSVCell.neutralised(raw)
        let separators = Set(delimiter.unicodeScalars)
        guard cell.unicodeScalars.contains(where: { separators.contains($0) || $0 == "\"" || $0 == "\n" || $0 == "\r" })
        else { return cell }
        var scalars = String.UnicodeScalarView()
        scalars.append("\"")
        for scalar in cell.unicodeScalars {
            scalars.append(scalar)
            if scalar == "\"" { scalars.append("\"") }
        }
        scalars.append("\"")
        return String(scalars)
    }
}
