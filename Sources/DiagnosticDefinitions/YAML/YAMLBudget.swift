import CYaml
import DiagnosticCore

/// A first pass over a YAML text, before it is composed, that refuses what would make composing or
/// reading it run for minutes: aliases whose expansion holds too many nodes (a few lines of
/// anchors can stand for 10^8 values) or too much text (an anchored long text used a million
/// times), an alias of a list or block used as a key (Yams hashes every key to find duplicates),
/// and keys too long to be names, aliases of long texts included.
///
/// It reads libyaml's events through Yams' own copy of libyaml (the `CYaml` module: Yams is pinned
/// to its minor version for that reason); a syntax error ends the pass quietly, for Yams to report.
public enum YAMLBudget {
    /// The most nodes a file may hold once its aliases are expanded.
    public static let maximumNodes = 1_000_000
    /// The most bytes of text (scalars) aliases may repeat in a file: 64 MiB.
    public static let maximumBytes = 64 << 20
    /// The longest key, in bytes.
    public static let maximumKeyLength = 1_024

    /// What is wrong, and where (1-based line and column).
    public struct Problem: Sendable, Hashable {
        /// What goes over a limit.
        public enum Kind: Sendable, Hashable {
            case tooManyNodes(limit: Int)
            case tooManyBytes(limit: Int)
            case collectionKey
            case longKey(bytes: Int, limit: Int)
        }
        var kind: Kind
        var line: Int
        var column: Int
    }

    /// The first problem of `text`, or `nil` when it is within bounds.
    static func check(_ text: String) -> Problem? {
        var parser = yaml_parser_t()
        guard yaml_parser_initialize(&parser) == 1 else { return nil }
        defer { yaml_parser_delete(&parser) }
        var bytes = Array(text.utf8)
        return bytes.withUnsafeMutableBufferPointer { buffer -> Problem? in
            guard let base = buffer.baseAddress else { return nil }
            yaml_parser_set_input_string(&parser, base, buffer.count)
            return scan(&parser)
        }
    }

    /// One open list or block: its expanded size so far (nodes and bytes of text), its anchor, and
    /// (for a block) whether the next node is a key.
    private struct Frame {
        var anchor: String?
        var nodes = 1
        var bytes = 0
        var isMapping: Bool
        var expectingKey = true
    }

    private static func scan(_ parser: inout yaml_parser_t) -> Problem? {
        var frames: [Frame] = []
        // Each anchor's expanded size (nodes and bytes), and whether it names a scalar.
        var anchors: [String: (nodes: Int, bytes: Int, scalar: Bool)] = [:]
        var total = 0
        var totalBytes = 0
        while true {
            var event = yaml_event_t()
            guard yaml_parser_parse(&parser, &event) == 1 else { return nil }
            defer { yaml_event_delete(&event) }
            let line = Int(event.start_mark.line) + 1
            let column = Int(event.start_mark.column) + 1
            func string(_ pointer: UnsafeMutablePointer<yaml_char_t>?) -> String? {
                pointer.map { String(cString: UnsafeRawPointer($0).assumingMemoryBound(to: CChar.self)) }
            }
            /// Adds a finished node of `nodes` nodes and `bytes` bytes of text to its parent (counting
            /// the `new` ones in the file's totals); the problem when the file goes over a limit.
            /// `length` is the node's own text when it is a scalar, the length a key is judged by.
            func add(nodes: Int, bytes: Int, new: (nodes: Int, bytes: Int), scalar: Bool, length: Int) -> Problem? {
                total += new.nodes
                totalBytes += new.bytes
                if total > maximumNodes { return Problem(kind: .tooManyNodes(limit: maximumNodes), line: line, column: column) }
                if totalBytes > maximumBytes {
                    return Problem(kind: .tooManyBytes(limit: maximumBytes), line: line, column: column)
                }
                guard !frames.isEmpty else { return nil }
                let index = frames.count - 1
                if frames[index].isMapping {
                    if frames[index].expectingKey {
                        if !scalar { return Problem(kind: .collectionKey, line: line, column: column) }
                        if length > maximumKeyLength {
                            return Problem(kind: .longKey(bytes: length, limit: maximumKeyLength), line: line, column: column)
                        }
                    }
                    frames[index].expectingKey.toggle()
                }
                frames[index].nodes += nodes
                frames[index].bytes += bytes
                return nil
            }
            switch event.type {
            case YAML_STREAM_END_EVENT:
                return nil
            case YAML_SCALAR_EVENT:
                let length = Int(event.data.scalar.length)
                if let anchor = string(event.data.scalar.anchor) { anchors[anchor] = (1, length, true) }
                // Only what aliases repeat counts against `maximumBytes`: the file itself is bounded by its size.
                if let problem = add(nodes: 1, bytes: length, new: (1, 0), scalar: true, length: length) {
                    return problem
                }
            case YAML_ALIAS_EVENT:
                let known = string(event.data.alias.anchor).flatMap { anchors[$0] } ?? (1, 0, true)
                // An alias's size is counted once per use: that is what readers walk.
                if let problem = add(
                    nodes: known.nodes, bytes: known.bytes, new: (known.nodes, known.bytes), scalar: known.scalar,
                    length: known.bytes)
                {
                    return problem
                }
            case YAML_SEQUENCE_START_EVENT:
                total += 1
                frames.append(Frame(anchor: string(event.data.sequence_start.anchor), isMapping: false))
            case YAML_MAPPING_START_EVENT:
                total += 1
                frames.append(Frame(anchor: string(event.data.mapping_start.anchor), isMapping: true))
            case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
                guard let frame = frames.popLast() else { return nil }
                if let anchor = frame.anchor { anchors[anchor] = (frame.nodes, frame.bytes, false) }
                if let problem = add(nodes: frame.nodes, bytes: frame.bytes, new: (0, 0), scalar: false, length: 0) {
                    return problem
                }
            default:
                continue
            }
        }
    }
}
