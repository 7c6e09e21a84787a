import DiagnosticCore
import Foundation

/// The byte layout of `response_score.questions`: every question's result, in questionnaire order.
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
