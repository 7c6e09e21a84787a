/// Finds cycles in a directed graph of ids (conditions between questions, prerequisites between actions).
public enum CycleFinder {
    /// Every elementary cycle reachable by depth-first search, each once, as a path that ends where it starts.
    ///
    /// Nodes are visited in `order`, so the same graph always yields the same cycles in the same order.
    public static func cycles(order: [String], edges: [String: [String]]) -> [[String]] {
        var state: [String: Int] = [:]  // 1 = on the current path, 2 = done
        var path: [String] = []
        var found: [[String]] = []
        var seen: Set<[String]> = []

        func visit(_ node: String) {
            state[node] = 1
            path.append(node)
            for next in edges[node] ?? [] {
                switch state[next] {
                case 1:
                    if let start = path.firstIndex(of: next) {
                        let cycle = Array(path[start...])
                        let key = rotatedToSmallest(cycle)
                        if seen.insert(key).inserted { found.append(cycle + [next]) }
                    }
                case nil:
                    visit(next)
                default:
                    break
                }
            }
            path.removeLast()
            state[node] = 2
        }

        for node in order where state[node] == nil {
            visit(node)
        }
        return found
    }

    private static func rotatedToSmallest(_ cycle: [String]) -> [String] {
        guard let smallest = cycle.indices.min(by: { cycle[$0] < cycle[$1] }) else { return cycle }
        return Array(cycle[smallest...] + cycle[..<smallest])
    }
}
