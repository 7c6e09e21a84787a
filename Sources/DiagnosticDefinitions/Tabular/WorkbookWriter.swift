import Foundation
import ZIPFoundation

/// An XLSX workbook of text cells, written for the forms survey tools load (an XLSForm's survey,
/// choices and settings sheets): Office Open XML's smallest package, cells as inline strings.
public enum WorkbookWriter {
    /// A sheet: its name and its rows of cells (an empty cell is left out).
    public struct Sheet: Sendable, Hashable {
        /// The sheet's name (its tab).
        public var name: String
        /// Rows of cells, from the first.
        public var rows: [[String]]

        /// Creates a sheet.
        public init(name: String, rows: [[String]]) {
            self.name = name
            self.rows = rows
        }
    }

    /// Why a workbook could not be written.
    public struct Failure: Error, Sendable {
        /// What went wrong.
        public var reason: String
    }

    /// The XLSX file of `sheets`, the same bytes for the same sheets (entries dated 2000-01-01).
    public static func xlsx(_ sheets: [Sheet]) throws(Failure) -> Data {
        var parts: [(path: String, text: String)] = [
            ("[Content_Types].xml", contentTypes(count: sheets.count)),
            (
                "_rels/.rels",
                #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#
                    + #"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">"#
                    + #"<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>"#
                    + "</Relationships>"
            ),
            ("xl/workbook.xml", workbook(sheets)),
            ("xl/_rels/workbook.xml.rels", workbookRelationships(count: sheets.count)),
        ]
        for (index, sheet) in sheets.enumerated() {
            parts.append(("xl/worksheets/sheet\(index + 1).xml", worksheet(sheet)))
        }
        do {
            let archive = try Archive(data: Data(), accessMode: .create)
            let date = Date(timeIntervalSince1970: 946_684_800)
            for part in parts {
                let bytes = Data(part.text.utf8)
                try archive.addEntry(
                    with: part.path, type: .file, uncompressedSize: Int64(bytes.count), modificationDate: date,
                    compressionMethod: .deflate
                ) { position, size in
                    bytes.subdata(in: Int(position)..<Int(position) + size)
                }
            }
            guard let data = archive.data else { throw Failure(reason: "the ZIP archive was not kept in memory") }
            return data
        } catch let failure as Failure {
            throw failure
        } catch {
            throw Failure(reason: "\(error)")
        }
    }

    /// `A` for column 0, `Z` for 25, `AA` for 26…
    static func columnName(_ index: Int) -> String {
        var name = ""
        var number = index + 1
        while number > 0 {
            let remainder = (number - 1) % 26
            name = String(UnicodeScalar(UInt8(65 + remainder))) + name
            number = (number - 1) / 26
        }
        return name
    }

    /// Text as XML character data: markup escaped, and the characters XML 1.0 cannot hold left out.
    static func escaped(_ text: String) -> String {
        var result = ""
        result.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "\t", "\n", "\r": result.unicodeScalars.append(scalar)
            case _ where scalar.value < 0x20 || scalar.value == 0xFFFE || scalar.value == 0xFFFF: continue
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result
    }

    private static func contentTypes(count: Int) -> String {
        var text =
            #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#
            + #"<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">"#
            + #"<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>"#
            + #"<Default Extension="xml" ContentType="application/xml"/>"#
            + #"<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>"#
        for index in stride(from: 1, through: count, by: 1) {
            text +=
                #"<Override PartName="/xl/worksheets/sheet\#(index).xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>"#
        }
        return text + "</Types>"
    }

    private static func workbook(_ sheets: [Sheet]) -> String {
        var text =
            #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#
            + #"<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>"#
        for (index, sheet) in sheets.enumerated() {
            text += #"<sheet name="\#(escaped(sheet.name))" sheetId="\#(index + 1)" r:id="rId\#(index + 1)"/>"#
        }
        return text + "</sheets></workbook>"
    }

    private static func workbookRelationships(count: Int) -> String {
        var text =
            #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#
            + #"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">"#
        for index in stride(from: 1, through: count, by: 1) {
            text +=
                #"<Relationship Id="rId\#(index)" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet\#(index).xml"/>"#
        }
        return text + "</Relationships>"
    }

    private static func worksheet(_ sheet: Sheet) -> String {
        var text =
            #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#
            + #"<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>"#
        for (rowIndex, row) in sheet.rows.enumerated() {
            text += #"<row r="\#(rowIndex + 1)">"#
            for (columnIndex, cell) in row.enumerated() where !cell.isEmpty {
                text +=
                    #"<c r="\#(columnName(columnIndex))\#(rowIndex + 1)" t="inlineStr"><is><t xml:space="preserve">"#
                    + escaped(cell) + "</t></is></c>"
            }
            text += "</row>"
        }
        return text + "</sheetData></worksheet>"
    }
}
