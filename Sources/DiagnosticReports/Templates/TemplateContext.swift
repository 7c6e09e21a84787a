/// Turns a report's view model into dictionaries and arrays before rendering.
///
/// Mustache looks names up through the whole context stack; reflecting structs (`Mirror`) at every
/// lookup made one report cost milliseconds. Reflecting each value once, here (or not at all, for
/// the rows of long tables, which list their own fields), and handing the renderer dictionaries,
/// which it reads by hashing, keeps `--all` for a region practical. (Measured: dictionaries render
/// faster than a custom node class here, whose conformance checks cost more.)
enum TemplateContext {
    /// The value as dictionaries (structs), arrays and plain values; `nil` for an empty optional.
    static func convert(_ value: Any) -> Any? {
        switch value {
        case is String, is Bool, is Int, is Double, is [String: Any]:
            return value
        case let fields as TemplateFields:
            return fields.templateFields
        case let array as [Any]:
            return array.compactMap(convert)
        default:
            let mirror = Mirror(reflecting: value)
            switch mirror.displayStyle {
            case .optional:
                return mirror.children.first.flatMap { convert($0.value) }
            case .struct, .class:
                var dictionary: [String: Any] = [:]
                for child in mirror.children {
                    if let label = child.label, let converted = convert(child.value) { dictionary[label] = converted }
                }
                return dictionary
            default:
                return value
            }
        }
    }
}

/// A view-model value that lists its own fields, so rendering need not reflect it (the rows of long tables).
protocol TemplateFields {
    /// The fields by name, as plain values, dictionaries and arrays.
    var templateFields: [String: Any] { get }
}
