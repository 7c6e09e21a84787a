/// Statistical disclosure control for published groups (docs/campaigns.md, "Privacy").
///
/// A group smaller than the threshold is withheld (primary suppression). When figures for the
/// whole are published too, the whole minus the groups shown gives the withheld groups' figures
/// together: so the withheld groups must never be one group alone, nor fewer organisations
/// together than the threshold. Complementary suppression withholds more groups, the smallest
/// first, until that holds.
public enum Disclosure {
    /// The groups to withhold among `sizes` (group key → organisations, or another count), with
    /// `threshold` the smallest group shown. Empty groups (size 0) are never withheld: there is
    /// nothing in them to protect.
    /// `already` are groups withheld for another reason (a whole group withheld, when this is one
    /// of its figures): they count as withheld, and among the groups returned.
    public static func withheld(_ sizes: [String: Int], threshold: Int, already: Set<String> = []) -> Set<String> {
        var withheld = Set(sizes.filter { $0.value > 0 && $0.value < threshold }.map(\.key))
            .union(already.filter { (sizes[$0] ?? 0) > 0 })
        guard !withheld.isEmpty else { return [] }
        // The smallest groups first, then by key, so that the choice is the same every time.
        let candidates = sizes.filter { $0.value > 0 && !withheld.contains($0.key) }
            .sorted { $0.value != $1.value ? $0.value < $1.value : $0.key < $1.key }.map(\.key)
        var next = candidates.makeIterator()
        func total() -> Int { withheld.reduce(0) { $0 + (sizes[$1] ?? 0) } }
        while withheld.count < 2 || total() < threshold, let key = next.next() {
            withheld.insert(key)
        }
        return withheld
    }
}
