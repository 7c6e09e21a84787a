extension Array {
    /// The element at `index`, or `nil` outside the array (stored data may not match the questionnaire).
    public func element(at index: Int) -> Element? {
        indices.contains(index) ? self[index] : nil
    }
}
