/// A view-model value as templates see it: text, a flag, a list or an object of named values.
///
/// A report's view model is turned into these once, before rendering; the compiled renderer then
/// reads names by hashing, with no reflection or dynamic cast per lookup (docs/performance.md).
/// Numbers become their text (`String(describing:)`), as Mustache prints them.
enum TemplateValue: Sendable, Equatable {
    case text(String)
    case flag(Bool)
    case list([TemplateValue])
    case object([String: TemplateValue])

    /// A list of texts.
    static func texts(_ texts: [String]) -> TemplateValue { .list(texts.map(TemplateValue.text)) }

    /// The value named `name` of an object; `nil` for anything else, as Mustache finds no field there.
    func child(_ name: String) -> TemplateValue? {
        guard case .object(let fields) = self else { return nil }
        return fields[name]
    }

    /// The same value as the plain dictionaries, arrays, strings and booleans swift-mustache renders.
    var plain: Any {
        switch self {
        case .text(let text): return text
        case .flag(let flag): return flag
        case .list(let items): return items.map(\.plain)
        case .object(let fields): return fields.mapValues(\.plain)
        }
    }
}

/// Turns a report's view model into `TemplateValue`s before rendering.
///
/// Structs are reflected once (`Mirror`), here, or not at all for the values that list their own
/// fields (`TemplateFields`: the rows of long tables).
enum TemplateContext {
    /// The value as a template value; `nil` for an empty optional.
    static func convert(_ value: Any) -> TemplateValue? {
        switch value {
        case let text as String:
            return .text(text)
        case let flag as Bool:
            return .flag(flag)
        case let number as Int:
            return .text(String(number))
        case let number as Double:
            return .text(String(describing: number))
        case let value as TemplateValue:
            return value
        case let fields as TemplateFields:
            return fields.templateValue
        case let dictionary as [String: Any]:
            return object(dictionary)
        case let array as [Any]:
            return .list(array.compactMap(convert))
        default:
            let mirror = Mirror(reflecting: value)
            switch mirror.displayStyle {
            case .optional:
                return mirror.children.first.flatMap { convert($0.value) }
            case .struct, .class:
                var fields: [String: TemplateValue] = [:]
                for child in mirror.children {
                    if let label = child.label, let converted = convert(child.value) { fields[label] = converted }
                }
                return .object(fields)
            default:
                return .text(String(describing: value))
            }
        }
    }

    private static func object(_ dictionary: [String: Any]) -> TemplateValue {
        var fields: [String: TemplateValue] = [:]
        fields.reserveCapacity(dictionary.count)
        for (key, value) in dictionary {
            if let converted = convert(value) { fields[key] = converted }
        }
        return .object(fields)
    }
}

/// A view-model value that lists its own fields, so rendering need neither reflect it nor cast its
/// values (the plan and the rows of long tables).
protocol TemplateFields {
    /// The fields by name.
    var templateFields: [String: TemplateValue] { get }
}

extension TemplateFields {
    /// The value as a template object.
    var templateValue: TemplateValue { .object(templateFields) }
}
