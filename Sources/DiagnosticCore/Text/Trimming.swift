extension String {
    /// The text without leading and trailing spaces, tabs and line breaks.
    ///
    /// Imports trim every cell of every row: this returns the string itself, without copying, in the
    /// usual case where there is nothing to trim (Foundation's `trimmingCharacters` always copies).
    public var trimmed: String {
        let bytes = utf8
        guard let first = bytes.first, let last = bytes.last else { return self }
        func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D }
        if !isSpace(first), !isSpace(last), first < 0x80, last < 0x80 { return self }
        let scalars = unicodeScalars
        var start = scalars.startIndex
        var end = scalars.endIndex
        while start < end, scalars[start].properties.isWhitespace { start = scalars.index(after: start) }
        while end > start, scalars[scalars.index(before: end)].properties.isWhitespace { end = scalars.index(before: end) }
        return String(scalars[start..<end])
    }
}
