/// Cuts a text to `width` characters with an ellipsis, and pads it to `width` when asked.
func fitted(_ text: String, _ width: Int, pad: Bool = false) -> String {
    let flat = text.split(whereSeparator: \.isNewline).joined(separator: " ")
    let cut = flat.count > width ? String(flat.prefix(max(0, width - 1))) + "…" : flat
    return pad ? cut + String(repeating: " ", count: max(0, width - cut.count)) : cut
}
