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
        let bytes = [UInt8](data)
        var offset = 0
        func read64() -> Double? {
            guard offset + 8 <= bytes.count else { return nil }
            var value: UInt64 = 0
            for index in 0..<8 { value |= UInt64(bytes[offset + index]) << UInt64(8 * index) }
            offset += 8
            return Double(bitPattern: value)
        }
        var result: [DimensionResult] = []
        for _ in 0..<count {
            guard offset < bytes.count else { return nil }
            let scored = bytes[offset] == 1
            offset += 1
            guard let score = read64(), let points = read64(), let maximum = read64(), offset < bytes.count else { return nil }
            let length = Int(bytes[offset])
            offset += 1
            guard offset + length <= bytes.count else { return nil }
            let level = String(decoding: bytes[offset..<offset + length], as: UTF8.self)
            offset += length
            result.append(
                DimensionResult(
                    score: scored ? score : nil, level: length == 0 ? nil : level, points: points, maximum: maximum))
        }
        return offset == bytes.count ? result : nil
    }

    private static func append(_ value: UInt64, to bytes: inout [UInt8]) {
        for shift in stride(from: 0, to: 64, by: 8) { bytes.append(UInt8((value >> UInt64(shift)) & 0xFF)) }
    }

    /// Unpacks `count` question results; `nil` when the bytes do not hold exactly that.
    public static func unpack(_ data: Data, count: Int) -> [QuestionResult]? {
        data.withUnsafeBytes { raw -> [QuestionResult]? in
            let bytes = raw.bindMemory(to: UInt8.self)
            var offset = 0
            var result: [QuestionResult] = []
            result.reserveCapacity(count)
            func read64() -> UInt64? {
                guard offset + 8 <= bytes.count else { return nil }
                var value: UInt64 = 0
                for index in 0..<8 { value |= UInt64(bytes[offset + index]) << UInt64(8 * index) }
                offset += 8
                return value
            }
            for _ in 0..<count {
                guard offset < bytes.count else { return nil }
                let flags = bytes[offset]
                offset += 1
                guard let state = QuestionResult.State(rawValue: flags & ~countedFlag), let points = read64(),
                    let maximum = read64(), offset < bytes.count
                else { return nil }
                let chosen = Int(bytes[offset])
                offset += 1
                guard offset + 2 * chosen <= bytes.count else { return nil }
                var selections: [Int] = []
                for index in 0..<chosen {
                    selections.append(Int(bytes[offset + 2 * index]) | Int(bytes[offset + 2 * index + 1]) << 8)
                }
                offset += 2 * chosen
                result.append(
                    QuestionResult(
                        state: state, points: Double(bitPattern: points), maximum: Double(bitPattern: maximum),
                        counted: flags & countedFlag != 0, selections: selections))
            }
            return offset == bytes.count ? result : nil
        }
    }
}
