import DiagnosticCore
import Foundation

/// The byte layouts of `response_score.dimensions` and `response_score.questions`, in questionnaire order.
///
/// Both start with one byte, the format version (`formatVersion`); a layout that changes gets a new
/// version and a migration that rewrites the stored blobs (`v3-result-format` added the byte to the
/// blobs of earlier databases).
///
/// Per dimension: 1 byte (1 when scored), score, points and maximum (binary64, little-endian), then
/// the level id as 1 byte of length and its UTF-8 bytes.
///
/// Per question: 1 byte state (`QuestionResult.State`, bit 7 set when the question counts), 8 bytes
/// points and 8 bytes maximum (IEEE 754 binary64, little-endian), 1 byte number of options chosen,
/// then 2 bytes (little-endian) per chosen option position. A value that does not fit its field
/// (more than `Question.maximumChosenOptions` options chosen, a position beyond
/// `Question.maximumOptions`, a level id longer than `MaturityLevel.maximumIDBytes`) is refused: the
/// questionnaire's validation keeps such values out, and packing never truncates one. One row per response instead of one per
/// answer keeps a 100,000-response import within seconds (docs/performance.md); the answers
/// themselves stay readable in `response.answers` (JSON).
public enum ResultPacking {
    static let countedFlag: UInt8 = 0x80

    /// The version of the layouts written, the first byte of every blob.
    public static let formatVersion: UInt8 = 1

    /// Packs question results; `nil` when a value does not fit its field.
    public static func pack(_ questions: [QuestionResult]) -> Data? {
        var size = 1
        for question in questions {
            guard question.selections.count <= Question.maximumChosenOptions,
                question.selections.allSatisfy({ (0..<Question.maximumOptions).contains($0) })
            else { return nil }
            size += 18 + 2 * question.selections.count
        }
        return write(size) { writer in
            for question in questions {
                writer.byte(question.state.rawValue | (question.counted ? countedFlag : 0))
                writer.uint64(question.points.bitPattern)
                writer.uint64(question.maximum.bitPattern)
                writer.byte(UInt8(question.selections.count))
                for option in question.selections {
                    writer.byte(UInt8(option & 0xFF))
                    writer.byte(UInt8(option >> 8))
                }
            }
        }
    }

    /// Packs dimension results; `nil` when a level id does not fit its field.
    public static func pack(_ dimensions: [DimensionResult]) -> Data? {
        let levels = dimensions.map { Array(($0.level ?? "").utf8) }
        guard levels.allSatisfy({ $0.count <= MaturityLevel.maximumIDBytes }) else { return nil }
        return write(levels.reduce(1) { $0 + 26 + $1.count }) { writer in
            for (dimension, level) in zip(dimensions, levels) {
                writer.byte(dimension.score == nil ? 0 : 1)
                writer.uint64((dimension.score ?? 0).bitPattern)
                writer.uint64(dimension.points.bitPattern)
                writer.uint64(dimension.maximum.bitPattern)
                writer.byte(UInt8(level.count))
                for byte in level { writer.byte(byte) }
            }
        }
    }

    /// Writes exactly `size` bytes into one buffer, no copy on the way.
    private static func write(_ size: Int, _ body: (inout ByteWriter) -> Void) -> Data {
        var data = Data(count: size)
        data.withUnsafeMutableBytes { raw in
            var writer = ByteWriter(bytes: raw)
            writer.byte(formatVersion)
            body(&writer)
            assert(writer.offset == size, "packed size")
        }
        return data
    }

    /// Unpacks `count` dimension results; `nil` when the bytes do not hold exactly that, in this format version.
    public static func unpackDimensions(_ data: Data, count: Int) -> [DimensionResult]? {
        data.withUnsafeBytes { raw -> [DimensionResult]? in
            var reader = ByteReader(raw.bindMemory(to: UInt8.self))
            guard reader.byte() == formatVersion else { return nil }
            var result: [DimensionResult] = []
            result.reserveCapacity(count)
            for _ in 0..<count {
                guard let scored = reader.byte(), let score = reader.uint64(), let points = reader.uint64(),
                    let maximum = reader.uint64(), let length = reader.byte(), let level = reader.bytes(Int(length))
                else { return nil }
                result.append(
                    DimensionResult(
                        score: scored == 1 ? Double(bitPattern: score) : nil,
                        level: length == 0 ? nil : String(decoding: level, as: UTF8.self), points: Double(bitPattern: points),
                        maximum: Double(bitPattern: maximum)))
            }
            return reader.atEnd ? result : nil
        }
    }

    /// Unpacks `count` question results; `nil` when the bytes do not hold exactly that, in this format version.
    public static func unpack(_ data: Data, count: Int) -> [QuestionResult]? {
        data.withUnsafeBytes { raw -> [QuestionResult]? in
            var reader = ByteReader(raw.bindMemory(to: UInt8.self))
            guard reader.byte() == formatVersion else { return nil }
            var result: [QuestionResult] = []
            result.reserveCapacity(count)
            for _ in 0..<count {
                guard let flags = reader.byte(), let state = QuestionResult.State(rawValue: flags & ~countedFlag),
                    let points = reader.uint64(), let maximum = reader.uint64(), let chosen = reader.byte(),
                    let pairs = reader.bytes(2 * Int(chosen))
                else { return nil }
                var selections: [Int] = []
                if chosen > 0 { selections.reserveCapacity(Int(chosen)) }
                for index in stride(from: pairs.startIndex, to: pairs.endIndex, by: 2) {
                    selections.append(Int(pairs[index]) | Int(pairs[index + 1]) << 8)
                }
                result.append(
                    QuestionResult(
                        state: state, points: Double(bitPattern: points), maximum: Double(bitPattern: maximum),
                        counted: flags & countedFlag != 0, selections: selections))
            }
            return reader.atEnd ? result : nil
        }
    }
}

/// Writes packed results into a buffer sized beforehand.
private struct ByteWriter {
    let bytes: UnsafeMutableRawBufferPointer
    var offset = 0

    mutating func byte(_ value: UInt8) {
        bytes[offset] = value
        offset += 1
    }

    /// Eight bytes, least significant first.
    mutating func uint64(_ value: UInt64) {
        bytes.storeBytes(of: value.littleEndian, toByteOffset: offset, as: UInt64.self)
        offset += 8
    }
}

/// Reads packed results from the front of a buffer; every read is `nil` past its end.
private struct ByteReader {
    let bytes: UnsafeBufferPointer<UInt8>
    var offset = 0

    init(_ bytes: UnsafeBufferPointer<UInt8>) {
        self.bytes = bytes
    }

    var atEnd: Bool { offset == bytes.count }

    mutating func byte() -> UInt8? {
        guard offset < bytes.count else { return nil }
        defer { offset += 1 }
        return bytes[offset]
    }

    /// Eight bytes, least significant first.
    mutating func uint64() -> UInt64? {
        guard offset + 8 <= bytes.count else { return nil }
        defer { offset += 8 }
        return UInt64(littleEndian: UnsafeRawBufferPointer(bytes).loadUnaligned(fromByteOffset: offset, as: UInt64.self))
    }

    mutating func bytes(_ count: Int) -> Slice<UnsafeBufferPointer<UInt8>>? {
        guard offset + count <= bytes.count else { return nil }
        defer { offset += count }
        return bytes[offset..<offset + count]
    }
}
