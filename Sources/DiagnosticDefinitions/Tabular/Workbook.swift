import Foundation
import ZIPFoundation

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// A sheet of a spreadsheet workbook (Excel's XLSX, LibreOffice's ODS) read as rows of text, as a
/// form tool's export or an advisor's edit of it holds them: the first sheet unless one is named.
///
/// Cells give the text a person sees, except numbers, dates and booleans, which give their value
/// as stored (`620`, `12.5`, a date's serial number or ISO text), never a display format such as
/// `620,00 €`. Rows keep their number in the sheet, so messages point at the row a person sees.
public struct WorkbookSheet: Sendable {
    /// One row that holds at least one cell.
    public struct Row: Sendable, Hashable {
        /// 1-based row number in the sheet.
        public var number: Int
        /// The cells from column A, up to the last one filled.
        public var cells: [String]

        /// Creates a row.
        public init(number: Int, cells: [String]) {
            self.number = number
            self.cells = cells
        }
    }

    /// The sheet's name.
    public var name: String
    /// Its rows that hold anything, in order.
    public var rows: [Row]

    /// The formats read.
    public enum Format: String, Sendable {
        case xlsx, ods

        /// The format a file's name says (`.xlsx`, `.ods`), if any.
        public init?(path: String) {
            switch (path as NSString).pathExtension.lowercased() {
            case "xlsx", "xlsm": self = .xlsx
            case "ods": self = .ods
            default: return nil
            }
        }
    }

    /// Why a workbook cannot be read.
    public enum Problem: Error, Sendable, Hashable {
        /// Not a ZIP package, or a damaged one.
        case notAPackage(Format)
        /// A package without the part that format needs (`xl/workbook.xml`, `content.xml`).
        case missingPart(Format, String)
        /// A part that is not well-formed XML.
        case badXML(part: String, line: Int)
        /// No sheet of that name; the sheets there are.
        case noSuchSheet(String, available: [String])
        /// A workbook without sheets.
        case noSheet
        /// A part larger than od4g unpacks.
        case partTooLarge(String, limit: Int)
        /// A cell beyond the last column a table may have.
        case tooManyColumns(row: Int, limit: Int)
    }

    /// The largest part unpacked (a sheet's XML): 1 GiB.
    public static let partLimit = 1 << 30

    /// Reads the sheet named `sheet` (the first when `nil`) of a workbook in `format`.
    public static func read(_ data: Data, format: Format, sheet: String? = nil) -> Result<WorkbookSheet, Problem> {
        let archive: Archive
        do {
            archive = try Archive(data: data, accessMode: .read)
        } catch {
            return .failure(.notAPackage(format))
        }
        do {
            switch format {
            case .xlsx: return .success(try XLSX(archive).sheet(named: sheet))
            case .ods: return .success(try ODS(archive).sheet(named: sheet))
            }
        } catch let problem as Problem {
            return .failure(problem)
        } catch {
            return .failure(.notAPackage(format))
        }
    }

    /// The position of the sheet named `wanted` (exactly, else ignoring case and outer spaces), the first when `nil`.
    static func pick(_ names: [String], _ wanted: String?) throws(Problem) -> Int {
        guard !names.isEmpty else { throw .noSheet }
        guard let wanted else { return 0 }
        if let exact = names.firstIndex(of: wanted) { return exact }
        let folded = wanted.trimmingCharacters(in: .whitespaces).lowercased()
        if let loose = names.firstIndex(where: { $0.trimmingCharacters(in: .whitespaces).lowercased() == folded }) {
            return loose
        }
        throw .noSuchSheet(wanted, available: names)
    }

    /// A part of the package, unpacked, at most `partLimit` bytes.
    static func part(_ archive: Archive, _ path: String) throws -> Data? {
        guard let entry = archive[path] else { return nil }
        guard entry.uncompressedSize <= UInt64(partLimit) else { throw Problem.partTooLarge(path, limit: partLimit) }
        var data = Data()
        data.reserveCapacity(Int(entry.uncompressedSize))
        _ = try archive.extract(entry) { chunk in
            // The size a package declares can lie: what it unpacks is counted too.
            guard data.count + chunk.count <= partLimit else { throw Problem.partTooLarge(path, limit: partLimit) }
            data.append(chunk)
        }
        return data
    }

    /// Parses `data` with `delegate`, reporting a part that is not well-formed.
    ///
    /// One parse at a time in the whole process: on Linux, Foundation's parser is libxml2, whose
    /// global state is not safe to use from two threads at once (parallel tests crashed on it).
    static func parse(_ data: Data, part: String, with delegate: some XMLParserDelegate) throws(Problem) {
        xmlLock.lock()
        defer { xmlLock.unlock() }
        let parser = XMLParser(data: data)
        parser.shouldProcessNamespaces = true
        parser.shouldResolveExternalEntities = false
        parser.delegate = delegate
        guard parser.parse() else { throw .badXML(part: part, line: max(1, parser.lineNumber)) }
    }

    /// Serialises the process's XML parsing (`parse`).
    private static let xmlLock = NSLock()

    /// An attribute by its local name, whatever its prefix.
    static func attribute(_ attributes: [String: String], _ local: String) -> String? {
        if let value = attributes[local] { return value }
        return attributes.first { key, _ in key.hasSuffix(":" + local) }?.value
    }

    /// The element's local name (namespace processing gives it; a prefixed one is cut).
    static func local(_ name: String) -> Substring {
        name.lastIndex(of: ":").map { name[name.index(after: $0)...] } ?? name[...]
    }
}

// MARK: - XLSX (Office Open XML)

private struct XLSX {
    let archive: Archive

    init(_ archive: Archive) throws(WorkbookSheet.Problem) {
        guard archive["xl/workbook.xml"] != nil else { throw .missingPart(.xlsx, "xl/workbook.xml") }
        self.archive = archive
    }

    func sheet(named wanted: String?) throws -> WorkbookSheet {
        let book = BookReader()
        try WorkbookSheet.parse(try WorkbookSheet.part(archive, "xl/workbook.xml") ?? Data(), part: "xl/workbook.xml", with: book)
        let index = try WorkbookSheet.pick(book.sheets.map(\.name), wanted)
        let relations = RelationsReader()
        if let data = try WorkbookSheet.part(archive, "xl/_rels/workbook.xml.rels") {
            try WorkbookSheet.parse(data, part: "xl/_rels/workbook.xml.rels", with: relations)
        }
        let chosen = book.sheets[index]
        let path = relations.targets[chosen.relation].map(Self.partPath) ?? "xl/worksheets/sheet\(index + 1).xml"
        guard let sheetData = try WorkbookSheet.part(archive, path) else { throw WorkbookSheet.Problem.missingPart(.xlsx, path) }
        let strings = SharedStringsReader()
        if let data = try WorkbookSheet.part(archive, "xl/sharedStrings.xml") {
            try WorkbookSheet.parse(data, part: "xl/sharedStrings.xml", with: strings)
        }
        let reader = SheetReader(strings: strings.strings)
        try WorkbookSheet.parse(sheetData, part: path, with: reader)
        if let problem = reader.problem { throw problem }
        return WorkbookSheet(name: chosen.name, rows: reader.rows)
    }

    /// A relationship's target as a path in the package (relative to `xl/`, or absolute).
    static func partPath(_ target: String) -> String {
        target.hasPrefix("/") ? String(target.dropFirst()) : "xl/" + target
    }

    /// `_xHHHH_` escapes of OOXML strings (a carriage return is `_x000D_`) turned into their character.
    static func unescaped(_ text: String) -> String {
        guard text.contains("_x") else { return text }
        var result = ""
        var rest = text[...]
        while let start = rest.range(of: "_x") {
            let digits = rest[start.upperBound...].prefix(5)
            if digits.count == 5, digits.last == "_", let code = UInt32(digits.dropLast(), radix: 16),
                let scalar = Unicode.Scalar(code)
            {
                result += rest[..<start.lowerBound]
                result.unicodeScalars.append(scalar)
                rest = rest[rest.index(start.upperBound, offsetBy: 5)...]
            } else {
                result += rest[..<start.upperBound]
                rest = rest[start.upperBound...]
            }
        }
        return result + rest
    }

    /// The sheets of `xl/workbook.xml`, in order.
    final class BookReader: NSObject, XMLParserDelegate {
        var sheets: [(name: String, relation: String)] = []

        func parser(
            _ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?, qualifiedName: String?,
            attributes: [String: String]
        ) {
            guard WorkbookSheet.local(elementName) == "sheet", let name = attributes["name"] else { return }
            sheets.append((name, WorkbookSheet.attribute(attributes, "id") ?? ""))
        }
    }

    /// Relationship ids to their targets.
    final class RelationsReader: NSObject, XMLParserDelegate {
        var targets: [String: String] = [:]

        func parser(
            _ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?, qualifiedName: String?,
            attributes: [String: String]
        ) {
            guard WorkbookSheet.local(elementName) == "Relationship", let id = attributes["Id"], let target = attributes["Target"]
            else { return }
            targets[id] = target
        }
    }

    /// The shared strings, rich text runs put together, phonetic guides (`rPh`) left out.
    final class SharedStringsReader: NSObject, XMLParserDelegate {
        var strings: [String] = []
        private var current = ""
        private var inText = false
        private var phonetic = 0

        func parser(
            _ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?, qualifiedName: String?,
            attributes: [String: String]
        ) {
            switch WorkbookSheet.local(elementName) {
            case "si": current = ""
            case "t": inText = phonetic == 0
            case "rPh": phonetic += 1
            default: break
            }
        }

        func parser(_ parser: XMLParser, foundCharacters string: String) {
            if inText { current += string }
        }

        func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName: String?) {
            switch WorkbookSheet.local(elementName) {
            case "si": strings.append(XLSX.unescaped(current))
            case "t": inText = false
            case "rPh": phonetic -= 1
            default: break
            }
        }
    }

    /// The cells of one worksheet, placed by their reference (`C7`) or, without one, in order.
    final class SheetReader: NSObject, XMLParserDelegate {
        let strings: [String]
        var rows: [WorkbookSheet.Row] = []
        var problem: WorkbookSheet.Problem?
        private var rowNumber = 0
        private var cells: [String] = []
        private var column = 0
        private var type = ""
        private var value = ""
        private var inline = ""
        private var reading: Substring?

        init(strings: [String]) {
            self.strings = strings
        }

        func parser(
            _ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?, qualifiedName: String?,
            attributes: [String: String]
        ) {
            switch WorkbookSheet.local(elementName) {
            case "row":
                rowNumber = attributes["r"].flatMap { Int($0) } ?? rowNumber + 1
                cells = []
                column = 0
            case "c":
                if let reference = attributes["r"], let position = Self.column(of: reference) { column = position }
                type = attributes["t"] ?? "n"
                value = ""
                inline = ""
            case "v": reading = "v"
            case "t": reading = "t"
            default: break
            }
        }

        func parser(_ parser: XMLParser, foundCharacters string: String) {
            switch reading {
            case "v": value += string
            case "t": inline += string
            default: break
            }
        }

        func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName: String?) {
            switch WorkbookSheet.local(elementName) {
            case "v", "t": reading = nil
            case "c":
                let text: String
                switch type {
                case "s":
                    text =
                        Int(value.trimmingCharacters(in: .whitespaces)).flatMap {
                            strings.indices.contains($0) ? strings[$0] : nil
                        } ?? ""
                case "inlineStr": text = XLSX.unescaped(inline)
                case "str": text = XLSX.unescaped(value)
                default: text = value
                }
                guard column < TabularResponses.maximumColumns else {
                    problem = problem ?? .tooManyColumns(row: rowNumber, limit: TabularResponses.maximumColumns)
                    parser.abortParsing()
                    return
                }
                if !text.isEmpty {
                    if cells.count < column { cells += Array(repeating: "", count: column - cells.count) }
                    if cells.count == column { cells.append(text) } else { cells[column] = text }
                }
                column += 1
            case "row":
                if !cells.isEmpty { rows.append(WorkbookSheet.Row(number: rowNumber, cells: cells)) }
            default: break
            }
        }

        /// The 0-based column of a reference such as `AB12`.
        static func column(of reference: String) -> Int? {
            var number = 0
            var letters = 0
            for scalar in reference.unicodeScalars {
                guard let value = Self.letter(scalar) else { break }
                number = number * 26 + value
                letters += 1
                if letters > 4 { return nil }
            }
            return letters == 0 ? nil : number - 1
        }

        private static func letter(_ scalar: Unicode.Scalar) -> Int? {
            switch scalar.value {
            case 0x41...0x5A: Int(scalar.value - 0x40)
            case 0x61...0x7A: Int(scalar.value - 0x60)
            default: nil
            }
        }
    }
}

// MARK: - ODS (OpenDocument spreadsheet)

private struct ODS {
    let content: Data

    init(_ archive: Archive) throws {
        guard let content = try WorkbookSheet.part(archive, "content.xml") else {
            throw WorkbookSheet.Problem.missingPart(.ods, "content.xml")
        }
        self.content = content
    }

    func sheet(named wanted: String?) throws -> WorkbookSheet {
        let names = NamesReader()
        try WorkbookSheet.parse(content, part: "content.xml", with: names)
        let index = try WorkbookSheet.pick(names.names, wanted)
        let reader = TableReader(table: index)
        try WorkbookSheet.parse(content, part: "content.xml", with: reader)
        if let problem = reader.problem { throw problem }
        return WorkbookSheet(name: names.names[index], rows: reader.rows)
    }

    /// The tables' names, in order.
    final class NamesReader: NSObject, XMLParserDelegate {
        var names: [String] = []

        func parser(
            _ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?, qualifiedName: String?,
            attributes: [String: String]
        ) {
            guard WorkbookSheet.local(elementName) == "table" else { return }
            names.append(WorkbookSheet.attribute(attributes, "name") ?? "")
        }
    }

    /// The rows of the table at `table`. Repeated empty rows and cells (a sheet's unused remainder
    /// is one row repeated a million times) are counted, never made; comments are left out.
    final class TableReader: NSObject, XMLParserDelegate {
        let table: Int
        var rows: [WorkbookSheet.Row] = []
        var problem: WorkbookSheet.Problem?
        private var tableIndex = -1
        private var inTable = false
        private var depth = 0
        private var rowNumber = 0
        private var rowRepeat = 1
        private var cells: [String] = []
        private var emptyCells = 0
        private var cellRepeat = 1
        private var cellValue: String?
        private var text = ""
        private var paragraphs = 0
        private var inCell = false
        private var annotation = 0

        init(table: Int) {
            self.table = table
        }

        /// Rows repeated with content are made this many times at most.
        static let repeatLimit = 10_000

        func parser(
            _ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?, qualifiedName: String?,
            attributes: [String: String]
        ) {
            let name = WorkbookSheet.local(elementName)
            if name == "table", !inTable {
                tableIndex += 1
                inTable = tableIndex == table
                depth = 0
                return
            }
            guard inTable else { return }
            if name == "table" { depth += 1 }
            guard depth == 0 else { return }
            switch name {
            case "table-row":
                rowRepeat = WorkbookSheet.attribute(attributes, "number-rows-repeated").flatMap { Int($0) } ?? 1
                cells = []
                emptyCells = 0
            case "table-cell", "covered-table-cell":
                inCell = true
                cellRepeat = WorkbookSheet.attribute(attributes, "number-columns-repeated").flatMap { Int($0) } ?? 1
                text = ""
                paragraphs = 0
                switch WorkbookSheet.attribute(attributes, "value-type") {
                case "float", "percentage", "currency": cellValue = WorkbookSheet.attribute(attributes, "value")
                case "date": cellValue = WorkbookSheet.attribute(attributes, "date-value")
                case "time": cellValue = WorkbookSheet.attribute(attributes, "time-value")
                case "boolean": cellValue = WorkbookSheet.attribute(attributes, "boolean-value")
                default: cellValue = nil
                }
            case "annotation": annotation += 1
            case "p" where inCell && annotation == 0:
                if paragraphs > 0 { text += "\n" }
                paragraphs += 1
            case "s" where inCell && annotation == 0:
                let count = WorkbookSheet.attribute(attributes, "c").flatMap { Int($0) } ?? 1
                text += String(repeating: " ", count: min(max(count, 1), 1_000))
            case "tab" where inCell && annotation == 0: text += "\t"
            case "line-break" where inCell && annotation == 0: text += "\n"
            default: break
            }
        }

        func parser(_ parser: XMLParser, foundCharacters string: String) {
            if inTable, depth == 0, inCell, annotation == 0, paragraphs > 0 { text += string }
        }

        func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName: String?) {
            guard inTable else { return }
            let name = WorkbookSheet.local(elementName)
            if name == "table" {
                if depth == 0 { inTable = false } else { depth -= 1 }
                return
            }
            guard depth == 0 else { return }
            switch name {
            case "annotation": annotation -= 1
            case "table-cell", "covered-table-cell":
                inCell = false
                let value = cellValue ?? text
                if value.isEmpty {
                    emptyCells += cellRepeat
                } else {
                    guard cells.count + emptyCells + cellRepeat <= TabularResponses.maximumColumns else {
                        problem = .tooManyColumns(row: rowNumber + 1, limit: TabularResponses.maximumColumns)
                        parser.abortParsing()
                        return
                    }
                    cells += Array(repeating: "", count: emptyCells) + Array(repeating: value, count: cellRepeat)
                    emptyCells = 0
                }
            case "table-row":
                if cells.isEmpty {
                    rowNumber += rowRepeat
                } else {
                    for _ in 0..<min(rowRepeat, Self.repeatLimit) {
                        rowNumber += 1
                        rows.append(WorkbookSheet.Row(number: rowNumber, cells: cells))
                    }
                }
            default: break
            }
        }
    }
}
