import DiagnosticCore
import Foundation

/// The byte layouts of `response_score.dimensions` and `response_score.questions`, in questionnaire order.
///
/// Per dimension: 1 byte (1 when scored), score, points and maximum (binary64, little-endian), then
/// the level id as 1 byte of length and its UTF-8 bytes.
///
/// Per question: 1 byte state (`QuestionResult.State`, bit 7 set when the question counts), 8 bytes
/// points and 8 bytes maximum (IEEE 754 binary64, little-endian), 1 byte number of options chosen,
/// then 2 bytes (little-endian) per chosen option position. One row per response instead of one per
/// answer keeps a 100,000-response import within seconds (docs/performance.md); the answers
/// themselves stay readable in `response.answers` (JSON).
public enum ResultPacking {
    static let countedFlag: UInt8 = 0x80

    /// Packs question results.
    public static func pack(_ questions: [QuestionResult]) -> Data {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(questions.count * 19)
        for question in questions {
            bytes.append(question.state.rawValue | (question.counted ? countedFlag : 0))
            append(question.points.bitPattern, to: &bytes)
            append(question.maximum.bitPattern, to: &bytes)
            let chosen = question.selections.prefix(255)
            bytes.append(UInt8(chosen.count))
            for option in chosen {
                let value = UInt16(clamping: option)
                bytes.append(UInt8(value & 0xFF))
                bytes.append(UInt8(value >> 8))
            }
        }
        return Data(bytes)
    }

    /// Packs dimension results.
    public static func pack(_ dimensions: [DimensionResult]) -> Data {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(dimensions.count * 34)
        for dimension in dimensions {
            bytes.append(dimension.score == nil ? 0 : 1)
            append((dimension.score ?? 0).bitPattern, to: &bytes)
            append(dimension.points.bitPattern, to: &bytes)
            append(dimension.maximum.bitPattern, to: &bytes)
            let level = Array((dimension.level ?? "").utf8.prefix(255))
            bytes.append(UInt8(level.count))
            bytes += level
        }
        return Data(bytes)
    }

    /// Unpacks `count` dimension results; `nil` when the bytes do not hold exactly that.
    public static func unpackDimensions(_ data: Data, count: Int) -> [DimensionResult]? {
        data.withUnsafeBytes { raw -> [DimensionResult]? in
            var reader = ByteReader(raw.bindMemory(to: UInt8.self))
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

    private static func append(_ value: UInt64, to bytes: inout [UInt8]) {
        for shift in stride(from: 0, to: 64, by: 8) { bytes.append(UInt8((value >> UInt64(shift)) & 0xFF)) }
    }

    /// Unpacks `count` question results; `nil` when the bytes do not hold exactly that.
    public static func unpack(_ data: Data, count: Int) -> [QuestionResult]? {
        data.withUnsafeBytes { raw -> [QuestionResult]? in
            var reader = ByteReader(raw.bindMemory(to: UInt8.self))
            var result: [QuestionResult] = []
            result.reserveCapacity(count)
            for _ in 0..<count {
                guard let flags = reader.byte(), let state = QuestionResult.State(rawValue: flags & ~countedFlag),
                    let points = reader.uint64(), let maximum = reader.uint64(), let chosen = reader.byte(),
                    let pairs = reader.bytes(2 * Int(chosen))
                else { return nil }
                var selections: [Int] = []
                selections.reserveCapacity(Int(chosen))
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
        var value: UInt64 = 0
        for index in 0..<8 { value |= UInt64(bytes[offset + index]) << UInt64(8 * index) }
        offset += 8
        return value
    }

    mutating func bytes(_ count: Int) -> Slice<UnsafeBufferPointer<UInt8>>? {
        guard offset + count <= bytes.count else { return nil }
        defer { offset += count }
        return bytes[offset..<offset + count]
    }
}
